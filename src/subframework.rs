//! A part of a framework as a framework of its own: the arguments kept, renumbered
//! `0..k` in the parent's order, with the map back to the parent. The one type for every
//! search that works on a part (the grounded reduction, the part reaching a query, a
//! piece of a preferred extension, an explanation's part).

use std::sync::Arc;

use crate::af::{Arg, Framework};

/// The framework induced by some arguments of a parent, with the map back.
#[derive(Clone, Debug)]
pub(crate) struct SubFramework {
    /// The part, numbered `0..k`.
    pub af: Arc<Framework>,
    /// Local argument -> the parent's, increasing.
    parent: Vec<Arg>,
}

impl SubFramework {
    /// The part of `parent` induced by `keep` (increasing).
    pub fn new(parent: &Framework, keep: Vec<Arg>) -> SubFramework {
        debug_assert!(keep.windows(2).all(|w| w[0] < w[1]), "kept arguments increase");
        SubFramework { af: Arc::new(parent.restrict(&keep)), parent: keep }
    }

    /// `keep`'s part of the shared `parent`; the parent itself (no copy) when `keep` is
    /// every argument.
    pub fn of_shared(parent: &Arc<Framework>, keep: Vec<Arg>) -> SubFramework {
        if keep.len() == parent.len() {
            SubFramework { af: Arc::clone(parent), parent: keep }
        } else {
            SubFramework::new(parent, keep)
        }
    }

    /// The parent's argument for the local `a`.
    pub fn to_parent(&self, a: Arg) -> Arg {
        self.parent[a.index()]
    }

    /// The local argument for the parent's `a`, when the part has it.
    pub fn local(&self, a: Arg) -> Option<Arg> {
        self.parent.binary_search(&a).ok().map(Arg::from_index)
    }

    /// The parent's arguments of a local set (in the set's order).
    pub fn lift(&self, set: &[Arg]) -> Vec<Arg> {
        set.iter().map(|&a| self.to_parent(a)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_part_maps_back_and_forth() {
        // 0 -> 1 -> 2 -> 3, 3 -> 1.
        let af = Framework::from_attacks(4, &[(0, 1), (1, 2), (2, 3), (3, 1)]).unwrap();
        let sub = SubFramework::new(&af, vec![Arg(1), Arg(3)]);
        assert_eq!(sub.af.len(), 2);
        assert!(sub.af.attacks(Arg(1), Arg(0)) && sub.af.num_attacks() == 1);
        assert_eq!(
            (sub.to_parent(Arg(1)), sub.local(Arg(3)), sub.local(Arg(2))),
            (Arg(3), Some(Arg(1)), None)
        );
        assert_eq!(sub.lift(&[Arg(1), Arg(0)]), vec![Arg(3), Arg(1)]);
        let shared = Arc::new(af);
        let whole = SubFramework::of_shared(&shared, shared.args().collect());
        assert!(Arc::ptr_eq(&whole.af, &shared));
    }
}
