//! The last extensions a solver gave, kept for its later questions about other arguments:
//! on ICCMA's dynamic track a framework gets 16 questions about one neighbourhood, and an
//! extension found for one often settles the next.

use std::collections::VecDeque;

use crate::af::Arg;

/// How many are kept.
const KEPT: usize = 16;

/// The last [`KEPT`] extensions of one framework a solver gave (each sorted).
#[derive(Debug, Default)]
pub(crate) struct Kept {
    sets: VecDeque<Vec<Arg>>,
}

impl Kept {
    /// Keeps `set` (an extension of the solver's framework and semantics), forgetting the
    /// oldest beyond [`KEPT`].
    pub fn note(&mut self, set: &[Arg]) {
        if self.sets.len() == KEPT {
            self.sets.pop_front();
        }
        let mut set = set.to_vec();
        set.sort_unstable();
        self.sets.push_back(set);
    }

    /// A kept extension containing `a`, the latest first.
    pub fn with(&self, a: Arg) -> Option<Vec<Arg>> {
        self.sets.iter().rev().find(|s| s.binary_search(&a).is_ok()).cloned()
    }

    /// A kept extension lacking `a`, the latest first.
    pub fn without(&self, a: Arg) -> Option<Vec<Arg>> {
        self.sets.iter().rev().find(|s| s.binary_search(&a).is_err()).cloned()
    }

    /// A kept extension with one of `attackers` (the attackers of an argument, which a
    /// conflict-free extension with one of them lacks), the latest first.
    pub fn attacking(&self, attackers: &[Arg]) -> Option<Vec<Arg>> {
        let hits = |s: &Vec<Arg>| attackers.iter().any(|b| s.binary_search(b).is_ok());
        self.sets.iter().rev().find(|s| hits(s)).cloned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_latest_with_or_without_and_forgets_the_oldest() {
        let mut kept = Kept::default();
        assert_eq!(kept.with(Arg(0)), None);
        kept.note(&[Arg(3), Arg(1)]);
        kept.note(&[Arg(1), Arg(2)]);
        assert_eq!(kept.with(Arg(1)), Some(vec![Arg(1), Arg(2)]));
        assert_eq!(kept.with(Arg(3)), Some(vec![Arg(1), Arg(3)]));
        assert_eq!(kept.without(Arg(3)), Some(vec![Arg(1), Arg(2)]));
        assert_eq!(kept.without(Arg(1)), None);
        assert_eq!(kept.attacking(&[Arg(3), Arg(7)]), Some(vec![Arg(1), Arg(3)]));
        assert_eq!(kept.attacking(&[Arg(2), Arg(1)]), Some(vec![Arg(1), Arg(2)]));
        assert_eq!(kept.attacking(&[Arg(7)]), None);
        for i in 0..KEPT as u32 {
            kept.note(&[Arg(10 + i)]);
        }
        assert_eq!(kept.with(Arg(1)), None);
        assert_eq!(kept.with(Arg(10)), Some(vec![Arg(10)]));
    }
}
