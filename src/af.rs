//! The argumentation framework model: dense `u32` argument ids and CSR adjacency.

use std::fmt;
use std::sync::OnceLock;

/// An argument, identified by a dense 0-based index.
///
/// Inside argsat arguments are always 0-based; the 1-based numbers of the ICCMA format
/// only appear at I/O (see [`Arg::from_number`] and [`Arg::number`]).
#[derive(Copy, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Default)]
#[repr(transparent)]
pub struct Arg(pub u32);

impl Arg {
    /// The argument with this 0-based index.
    pub fn from_index(index: usize) -> Arg {
        Arg(index as u32)
    }

    /// The argument with this 1-based ICCMA number, `None` for 0.
    pub fn from_number(number: u32) -> Option<Arg> {
        number.checked_sub(1).map(Arg)
    }

    /// The 0-based index.
    pub fn index(self) -> usize {
        self.0 as usize
    }

    /// The 1-based ICCMA number.
    pub fn number(self) -> u64 {
        u64::from(self.0) + 1
    }
}

impl fmt::Display for Arg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.number())
    }
}

/// Asks the CPU to bring `v[i]` into cache: a hint, without effect where unsupported or
/// out of bounds.
#[inline(always)]
pub(crate) fn prefetch<T>(v: &[T], i: usize) {
    #[cfg(target_arch = "x86_64")]
    if let Some(x) = v.get(i) {
        // SAFETY: a prefetch never faults and changes no state but the cache; the address
        // is in bounds anyway.
        unsafe {
            std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(
                (x as *const T).cast(),
            )
        };
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = (v, i);
}

/// Compressed sparse rows: for each argument, a sorted, deduplicated slice of neighbours.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Csr {
    offsets: Vec<u32>,
    targets: Vec<Arg>,
}

impl Csr {
    /// Builds rows from `(row, col)` pairs, given in parts, with a counting sort, then
    /// sorts and deduplicates each row. `n` is the number of rows.
    fn build(n: usize, parts: &[&[(u32, u32)]]) -> Csr {
        let pairs = || parts.iter().flat_map(|part| part.iter());
        // One array serves as row counts, then row starts, then fill cursors (ending as
        // row ends), then, compacted, as the offsets: large frameworks spend much of their
        // time in page faults and cache misses, so no second array of this size is
        // allocated. Shifted by one place, so that the cursors end as the offsets: row r is
        // counted at r + 2, the prefix sums leave its start at r + 1, and filling it moves
        // that entry to its end, which is the start of row r + 1.
        let mut offsets = vec![0u32; n + 2];
        for &(r, _) in pairs() {
            offsets[r as usize + 2] += 1;
        }
        for i in 2..n + 2 {
            offsets[i] += offsets[i - 1];
        }
        let mut targets = vec![Arg(0); parts.iter().map(|part| part.len()).sum()];
        for &(r, c) in pairs() {
            let slot = &mut offsets[r as usize + 1];
            targets[*slot as usize] = Arg(c);
            *slot += 1;
        }
        offsets.pop();
        // Sort and deduplicate each row, compacting in place, and store each row's new
        // end in its place.
        let mut write = 0usize;
        let mut start = 0usize;
        for end_of_row in &mut offsets[1..] {
            let end = *end_of_row as usize;
            let row = &mut targets[start..end];
            if !row.is_sorted() {
                row.sort_unstable();
            }
            let mut last = None;
            for i in start..end {
                let v = targets[i];
                if last != Some(v) {
                    targets[write] = v;
                    write += 1;
                    last = Some(v);
                }
            }
            *end_of_row = write as u32;
            start = end;
        }
        targets.truncate(write);
        targets.shrink_to_fit();
        Csr { offsets, targets }
    }

    /// The reverse adjacency: row `c` lists the rows containing `c`, already sorted and
    /// deduplicated because rows are visited in order.
    fn transpose(&self, n: usize) -> Csr {
        let mut offsets = vec![0u32; n + 1];
        for &c in &self.targets {
            offsets[c.index() + 1] += 1;
        }
        for i in 0..n {
            offsets[i + 1] += offsets[i];
        }
        let mut fill = offsets.clone();
        let mut targets = vec![Arg(0); self.targets.len()];
        for r in 0..n {
            for &c in self.row(r) {
                let slot = &mut fill[c.index()];
                targets[*slot as usize] = Arg(r as u32);
                *slot += 1;
            }
        }
        Csr { offsets, targets }
    }

    fn row(&self, r: usize) -> &[Arg] {
        &self.targets[self.offsets[r] as usize..self.offsets[r + 1] as usize]
    }
}

/// Argument names, stored in one buffer (only for formats that name arguments).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Names {
    buffer: String,
    ends: Vec<u32>,
}

impl Names {
    /// An empty name table.
    pub fn new() -> Names {
        Names::default()
    }

    /// Appends a name; its index is the number of names pushed before it.
    pub fn push(&mut self, name: &str) {
        self.buffer.push_str(name);
        self.ends.push(self.buffer.len() as u32);
    }

    /// The number of names.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The name at `index`.
    pub fn get(&self, index: usize) -> &str {
        let start = if index == 0 { 0 } else { self.ends[index - 1] as usize };
        &self.buffer[start..self.ends[index] as usize]
    }

    /// All names in index order.
    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.len()).map(move |i| self.get(i))
    }
}

/// An abstract argumentation framework: arguments `0..n` and deduplicated attacks,
/// stored as CSR adjacency in both directions (the attackers' direction is built on
/// first use: grounded semantics alone never needs it).
#[derive(Clone, Debug, Default)]
pub struct Framework {
    attackers: OnceLock<Csr>,
    attacked: Csr,
    names: Option<Names>,
}

impl Framework {
    /// The number of arguments.
    pub fn len(&self) -> usize {
        self.attacked.offsets.len().saturating_sub(1)
    }

    /// Whether the framework has no arguments.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The number of (distinct) attacks.
    pub fn num_attacks(&self) -> usize {
        self.attacked.targets.len()
    }

    /// All arguments, in index order.
    pub fn args(&self) -> impl ExactSizeIterator<Item = Arg> + DoubleEndedIterator + use<> {
        (0..self.len() as u32).map(Arg)
    }

    /// The arguments attacking `a`, sorted by index.
    pub fn attackers(&self, a: Arg) -> &[Arg] {
        self.attackers.get_or_init(|| self.attacked.transpose(self.len())).row(a.index())
    }

    /// The number of attackers of every argument (without building the attackers' rows).
    pub fn attacker_counts(&self) -> Vec<u32> {
        if let Some(csr) = self.attackers.get() {
            return csr.offsets.windows(2).map(|w| w[1] - w[0]).collect();
        }
        let mut counts = vec![0u32; self.len()];
        for &b in &self.attacked.targets {
            counts[b.index()] += 1;
        }
        counts
    }

    /// The arguments attacked by `a`, sorted by index.
    pub fn attacked_by(&self, a: Arg) -> &[Arg] {
        self.attacked.row(a.index())
    }

    /// Prefetches where [`Framework::attacked_by`]`(a)` starts (a hint for loops that
    /// visit arguments at random: call it a while before [`Framework::prefetch_row`]).
    pub(crate) fn prefetch_row_start(&self, a: Arg) {
        prefetch(&self.attacked.offsets, a.index());
    }

    /// Prefetches the start of [`Framework::attacked_by`]`(a)`.
    pub(crate) fn prefetch_row(&self, a: Arg) {
        if let Some(&start) = self.attacked.offsets.get(a.index()) {
            prefetch(&self.attacked.targets, start as usize);
        }
    }

    /// The number of attacks listed before `a`'s in [`Framework::attacked_by`] order: the
    /// attack `a -> attacked_by(a)[j]` is attack number `first_attack(a) + j`, an id in
    /// `0..num_attacks()`.
    pub(crate) fn first_attack(&self, a: Arg) -> usize {
        self.attacked.offsets[a.index()] as usize
    }

    /// The argument attack number `e` (as [`Framework::first_attack`] numbers them) comes
    /// from.
    pub(crate) fn attack_source(&self, e: usize) -> Arg {
        // The last row starting at or before `e`: rows before an empty one start at the
        // same place, so the last is the one holding `e`.
        let rows = &self.attacked.offsets[..self.len()];
        Arg::from_index(rows.partition_point(|&start| start as usize <= e) - 1)
    }

    /// Whether `a` attacks `b`.
    pub fn attacks(&self, a: Arg, b: Arg) -> bool {
        self.attacked_by(a).binary_search(&b).is_ok()
    }

    /// Whether `a` attacks itself.
    pub fn is_self_attacking(&self, a: Arg) -> bool {
        self.attacks(a, a)
    }

    /// All attacks `(attacker, attacked)`, ordered by attacker then target.
    pub fn attack_pairs(&self) -> impl Iterator<Item = (Arg, Arg)> + '_ {
        self.args().flat_map(move |a| self.attacked_by(a).iter().map(move |&b| (a, b)))
    }

    /// The argument names, when the input format had names.
    pub fn names(&self) -> Option<&Names> {
        self.names.as_ref()
    }

    /// How `a` is printed: its name when there are names, else its 1-based number.
    pub fn display_name(&self, a: Arg) -> ArgName<'_> {
        match &self.names {
            Some(names) => ArgName::Name(names.get(a.index())),
            None => ArgName::Number(a.number()),
        }
    }

    /// Looks an argument up by how it is printed (name, or 1-based number without names).
    pub fn find(&self, label: &str) -> Option<Arg> {
        match &self.names {
            Some(names) => names.iter().position(|n| n == label).map(Arg::from_index),
            None => {
                let number: u64 = label.trim().parse().ok()?;
                (1..=self.len() as u64).contains(&number).then(|| Arg((number - 1) as u32))
            }
        }
    }

    /// The strongly connected components of the attack graph, each sorted, in a
    /// topological order: no argument attacks one of an earlier component. Iterative
    /// Tarjan, O(n + m).
    pub fn sccs(&self) -> Vec<Vec<Arg>> {
        let n = self.len();
        const NONE: u32 = u32::MAX;
        let (mut index, mut low) = (vec![NONE; n], vec![0u32; n]);
        let mut on_stack = vec![false; n];
        let (mut stack, mut out) = (Vec::new(), Vec::new());
        let mut next = 0u32;
        // Frames: an argument and how many of its targets were visited.
        let mut frames: Vec<(Arg, usize)> = Vec::new();
        for root in self.args() {
            if index[root.index()] != NONE {
                continue;
            }
            frames.push((root, 0));
            while let Some(&mut (v, ref mut i)) = frames.last_mut() {
                if *i == 0 && index[v.index()] == NONE {
                    index[v.index()] = next;
                    low[v.index()] = next;
                    next += 1;
                    stack.push(v);
                    on_stack[v.index()] = true;
                }
                let targets = self.attacked_by(v);
                if let Some(&w) = targets.get(*i) {
                    *i += 1;
                    if index[w.index()] == NONE {
                        frames.push((w, 0));
                    } else if on_stack[w.index()] {
                        low[v.index()] = low[v.index()].min(index[w.index()]);
                    }
                    continue;
                }
                frames.pop();
                if let Some(&(parent, _)) = frames.last() {
                    low[parent.index()] = low[parent.index()].min(low[v.index()]);
                }
                if low[v.index()] == index[v.index()] {
                    let mut scc = Vec::new();
                    while let Some(w) = stack.pop() {
                        on_stack[w.index()] = false;
                        scc.push(w);
                        if w == v {
                            break;
                        }
                    }
                    scc.sort_unstable();
                    out.push(scc);
                }
            }
        }
        // Tarjan finds components sinks first.
        out.reverse();
        out
    }

    /// The framework induced by `keep` (in increasing order), renumbered `0..keep.len()`.
    /// Names are carried over.
    pub fn restrict(&self, keep: &[Arg]) -> Framework {
        let mut local = vec![u32::MAX; self.len()];
        for (i, a) in keep.iter().enumerate() {
            local[a.index()] = i as u32;
        }
        let mut builder = FrameworkBuilder::new(keep.len() as u32);
        for (i, a) in keep.iter().enumerate() {
            for &b in self.attacked_by(*a) {
                let lb = local[b.index()];
                if lb != u32::MAX {
                    builder.pairs.push((i as u32, lb));
                }
            }
        }
        if let Some(names) = &self.names {
            let mut sub = Names::new();
            for a in keep {
                sub.push(names.get(a.index()));
            }
            builder.names = Some(sub);
        }
        builder.build()
    }
}

impl PartialEq for Framework {
    fn eq(&self, other: &Framework) -> bool {
        // The attackers' rows follow from the attacked rows.
        self.attacked == other.attacked && self.names == other.names
    }
}

impl Eq for Framework {}

/// How an argument is shown to users: by name or by 1-based number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArgName<'a> {
    /// A name from an APX or TGF file.
    Name(&'a str),
    /// A 1-based ICCMA number.
    Number(u64),
}

impl fmt::Display for ArgName<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ArgName::Name(n) => f.write_str(n),
            ArgName::Number(n) => write!(f, "{n}"),
        }
    }
}

/// An attack named an argument outside `0..n`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("argument index {index} is out of range for a framework of {len} arguments")]
pub struct OutOfRange {
    /// The offending 0-based index.
    pub index: u32,
    /// The number of arguments.
    pub len: u32,
}

impl Framework {
    /// The framework over arguments `0..n` with the given `(attacker, attacked)` pairs.
    ///
    /// # Errors
    /// [`OutOfRange`] when a pair names an argument not below `n`.
    pub fn from_attacks(n: u32, attacks: &[(u32, u32)]) -> Result<Framework, OutOfRange> {
        let mut b = FrameworkBuilder::new(n);
        for &(x, y) in attacks {
            b.attack(Arg(x), Arg(y))?;
        }
        Ok(b.build())
    }
}

/// Collects attacks, then builds a [`Framework`].
#[derive(Clone, Debug, Default)]
pub struct FrameworkBuilder {
    n: u32,
    pairs: Vec<(u32, u32)>,
    /// Further checked pairs, kept apart so that a parser's per-thread vectors are not
    /// copied into one.
    more: Vec<Vec<(u32, u32)>>,
    names: Option<Names>,
}

impl FrameworkBuilder {
    /// A builder for arguments `0..n`.
    pub fn new(n: u32) -> FrameworkBuilder {
        FrameworkBuilder { n, pairs: Vec::new(), more: Vec::new(), names: None }
    }

    /// A builder for named arguments: argument `i` is `names.get(i)`.
    pub fn with_names(names: Names) -> FrameworkBuilder {
        FrameworkBuilder {
            n: names.len() as u32,
            pairs: Vec::new(),
            more: Vec::new(),
            names: Some(names),
        }
    }

    /// The number of arguments.
    pub fn len(&self) -> u32 {
        self.n
    }

    /// Whether there are no arguments.
    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    /// Reserves room for `additional` more attacks.
    pub fn reserve(&mut self, additional: usize) {
        self.pairs.reserve(additional);
    }

    /// Adds the attack `from -> to`; duplicates are removed by [`FrameworkBuilder::build`].
    ///
    /// # Errors
    /// [`OutOfRange`] when either argument is not below the argument count.
    pub fn attack(&mut self, from: Arg, to: Arg) -> Result<(), OutOfRange> {
        for a in [from, to] {
            if a.0 >= self.n {
                return Err(OutOfRange { index: a.0, len: self.n });
            }
        }
        self.pairs.push((from.0, to.0));
        Ok(())
    }

    /// The attack pairs so far, for a parser that checks every pair it adds to be below
    /// the argument count.
    pub(crate) fn pairs_mut(&mut self) -> &mut Vec<(u32, u32)> {
        &mut self.pairs
    }

    /// Adds attack pairs whose ends the caller has checked to be below the argument count.
    pub(crate) fn append_checked(&mut self, pairs: Vec<(u32, u32)>) {
        debug_assert!(pairs.iter().all(|&(x, y)| x < self.n && y < self.n));
        self.more.push(pairs);
    }

    /// Adds an attack whose ends the caller has checked to be below the argument count.
    pub(crate) fn push(&mut self, from: Arg, to: Arg) {
        debug_assert!(from.0 < self.n && to.0 < self.n);
        self.pairs.push((from.0, to.0));
    }

    /// Builds the framework (sorting and deduplicating attacks) in O(n + m log d).
    pub fn build(self) -> Framework {
        let n = self.n as usize;
        let mut parts = vec![&self.pairs[..]];
        parts.extend(self.more.iter().map(|part| &part[..]));
        let attacked = Csr::build(n, &parts);
        Framework { attackers: OnceLock::new(), attacked, names: self.names }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attacks_are_numbered_row_by_row_and_found_back() {
        // Rows of 1, 2 and 4 are empty (and 4's is the last); 5 attacks itself.
        let af = Framework::from_attacks(6, &[(0, 1), (0, 2), (3, 0), (5, 5), (5, 4)]).unwrap();
        let mut e = 0;
        for a in af.args() {
            assert_eq!(af.first_attack(a), e);
            for (j, &b) in af.attacked_by(a).iter().enumerate() {
                assert_eq!(af.attack_source(af.first_attack(a) + j), a, "{a:?} -> {b:?}");
                e += 1;
            }
        }
        assert_eq!(e, af.num_attacks());
    }

    #[test]
    fn builds_deduplicated_csr_in_both_directions() {
        let mut b = FrameworkBuilder::new(3);
        for (x, y) in [(0, 1), (1, 2), (0, 1), (2, 2), (2, 0)] {
            b.attack(Arg(x), Arg(y)).unwrap();
        }
        assert_eq!(b.attack(Arg(3), Arg(0)), Err(OutOfRange { index: 3, len: 3 }));
        let af = b.build();
        assert_eq!(af.len(), 3);
        assert_eq!(af.num_attacks(), 4);
        assert_eq!(af.attacked_by(Arg(0)), &[Arg(1)]);
        assert_eq!(af.attackers(Arg(2)), &[Arg(1), Arg(2)]);
        assert_eq!(af.attackers(Arg(0)), &[Arg(2)]);
        assert!(af.is_self_attacking(Arg(2)));
        assert!(!af.is_self_attacking(Arg(0)));
    }

    #[test]
    fn sccs_come_in_topological_order() {
        // 0 -> 1 <-> 2 -> 3, 3 -> 3, 4 alone, 5 -> 0.
        let af =
            Framework::from_attacks(6, &[(0, 1), (1, 2), (2, 1), (2, 3), (3, 3), (5, 0)]).unwrap();
        let sccs = af.sccs();
        assert_eq!(sccs.len(), 5);
        let place = |a: u32| sccs.iter().position(|s| s.contains(&Arg(a))).unwrap();
        assert_eq!(sccs[place(1)], vec![Arg(1), Arg(2)]);
        for (a, b) in af.attack_pairs() {
            assert!(place(a.0) <= place(b.0), "{a:?} -> {b:?}");
        }
    }

    #[test]
    fn restrict_renumbers_and_keeps_inner_attacks() {
        let mut b = FrameworkBuilder::new(4);
        for (x, y) in [(0, 1), (1, 2), (2, 3), (3, 1)] {
            b.attack(Arg(x), Arg(y)).unwrap();
        }
        let sub = b.build().restrict(&[Arg(1), Arg(2), Arg(3)]);
        assert_eq!(sub.len(), 3);
        let pairs: Vec<_> = sub.attack_pairs().map(|(a, b)| (a.0, b.0)).collect();
        assert_eq!(pairs, vec![(0, 1), (1, 2), (2, 0)]);
    }
}
