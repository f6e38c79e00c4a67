//! What the opening walks of a solver's queries pay ([`Openings`]), to choose whether
//! the next query opens with one, and the record shared by the solvers built one after
//! another ([`SharedOpenings`]).

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

/// What the opening walks of one solver's queries have paid so far, to choose whether
/// the next query opens with one. A solver answering many queries on one framework (a
/// query loop, a round of the dynamic track) walks where the walk is cheaper than the
/// SAT calls it spares: it opens while the openings' mean time is below their success
/// rate times the mean time the rest of a query took when no opening answered it. The
/// first query opens (so a single query runs as it did before), the second skips the
/// opening when the first one won (to learn what the SAT calls cost), and an opening that
/// lost counts that query's SAT calls. The walk's later turns (after the SAT solver's
/// first) are not affected. On ICCMA's dynamic-track script, where 16 questions share
/// each rebuilt solver, an opening per question was most of argsat's time (`grid_50x50`
/// DC-CO: openings that found stable extensions in about 1 ms where the SAT call takes
/// a tenth of that; `scc_300_c10` DC-ST: openings that found nothing).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Openings {
    /// Openings tried, the ones that found an extension, and their time.
    tried: u32,
    won: u32,
    walking: Duration,
    /// Queries answered by SAT calls (after an opening that lost, or none), their time.
    solved: u32,
    solving: Duration,
}

impl Openings {
    /// Whether the next query opens with a walk.
    pub fn worth(&self) -> bool {
        if self.tried == 0 {
            return true;
        }
        if self.solved == 0 {
            return false;
        }
        // walking / tried < won / tried * solving / solved
        self.walking.as_secs_f64() * f64::from(self.solved)
            < f64::from(self.won) * self.solving.as_secs_f64()
    }

    /// Notes an opening that found an extension (`won`) or did not, and its time.
    pub fn opened(&mut self, won: bool, took: Duration) {
        self.tried = self.tried.saturating_add(1);
        self.won = self.won.saturating_add(u32::from(won));
        self.walking += took;
    }

    /// Notes a query answered without an opening's help, and the time its SAT calls took.
    pub fn solved(&mut self, took: Duration) {
        self.solved = self.solved.saturating_add(1);
        self.solving += took;
    }
}

/// One [`Openings`] record kept by the solvers built one after another (`Guarded`
/// rebuilds a stopped one; `crate::dynamic` one per round of changes), so each does not
/// start by learning again that openings do not pay: on ICCMA's dynamic-track script a
/// fresh record per round walked at every round's first question (`grid_50x50` DC-ST:
/// 17% of the run's time in the walk). Clones share the record.
#[derive(Clone, Debug, Default)]
pub(crate) struct SharedOpenings(Arc<Mutex<Openings>>);

impl SharedOpenings {
    /// Runs `f` on a copy of the record and keeps what it noted (a call stopped half-way
    /// notes nothing).
    pub fn with<T>(&self, f: impl FnOnce(&mut Openings) -> T) -> T {
        let mut record = *self.record();
        let out = f(&mut record);
        *self.record() = record;
        out
    }

    /// Runs `sat` (a query's SAT calls, after no opening answered it) and notes its time
    /// as [`Openings::solved`] does.
    pub fn timed<T>(&self, sat: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let out = sat();
        self.record().solved(start.elapsed());
        out
    }

    fn record(&self) -> MutexGuard<'_, Openings> {
        // Never held across a call that may stop, so never poisoned but by a bug.
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shared_record_carries_from_one_solver_to_the_next() {
        let (first, next) = (SharedOpenings::default(), SharedOpenings::default());
        let next_of_first = first.clone();
        first.with(|o| o.opened(false, Duration::from_millis(5)));
        first.timed(|| ());
        // The next solver sharing the record does not open; one with a record of its own
        // opens its first query.
        assert!(!next_of_first.with(|o| o.worth()));
        assert!(next.with(|o| o.worth()));
        // A call stopped half-way notes nothing.
        let stopped = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            next_of_first.with(|o| {
                o.opened(true, Duration::ZERO);
                panic!("stopped")
            })
        }));
        assert!(stopped.is_err());
        assert_eq!(first.with(|o| (o.tried, o.won, o.solved)), (1, 0, 1));
    }

    #[test]
    fn openings_continue_while_they_pay() {
        let ms = Duration::from_millis;
        let mut o = Openings::default();
        assert!(o.worth(), "the first query opens");
        o.opened(true, ms(10));
        assert!(!o.worth(), "after a win, one query learns what the SAT calls cost");
        o.solved(ms(500));
        assert!(o.worth(), "10 ms walks winning every time against 500 ms SAT calls");
        o.opened(false, ms(10));
        o.solved(ms(500));
        assert!(o.worth(), "won half the time: 10 ms against 250 ms expected");

        let mut o = Openings::default();
        o.opened(true, ms(10));
        o.solved(ms(1));
        assert!(!o.worth(), "10 ms walks against 1 ms SAT calls");
        o.solved(ms(99));
        assert!(o.worth(), "until the SAT calls come to cost more: 50 ms on average");

        let mut o = Openings::default();
        o.opened(false, ms(1));
        o.solved(ms(1000));
        assert!(!o.worth(), "an opening that never won is not tried again");
    }
}
