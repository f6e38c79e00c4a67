//! Three-valued labellings of a framework's arguments: IN, OUT, UNDEC.

use crate::af::Arg;

/// A three-valued label.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Label {
    /// Accepted: every attacker is out.
    In,
    /// Rejected: some attacker is in.
    Out,
    /// Neither.
    Undec,
}

/// A labelling of every argument of a framework.
///
/// Stored as the grounded computation leaves it, one word per argument (OUT, 0 for IN,
/// else UNDEC), so that no second array is built on large frameworks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Labelling {
    words: Vec<u32>,
}

impl Labelling {
    /// The label of `a`.
    pub fn label(&self, a: Arg) -> Label {
        label_of(self.words[a.index()])
    }

    /// All labels, indexed by argument.
    pub fn labels(&self) -> impl ExactSizeIterator<Item = Label> + '_ {
        self.words.iter().map(|&w| label_of(w))
    }

    /// The arguments with label `l`, in increasing order.
    pub fn with_label(&self, l: Label) -> Vec<Arg> {
        let mut set = Vec::with_capacity(self.count(l));
        for (i, &w) in self.words.iter().enumerate() {
            if label_of(w) == l {
                set.push(Arg(i as u32));
            }
        }
        set
    }

    /// How many arguments have label `l`.
    pub fn count(&self, l: Label) -> usize {
        self.words.iter().filter(|&&w| label_of(w) == l).count()
    }
}

/// The label a word of [`grounded_words`] stands for.
fn label_of(word: u32) -> Label {
    match word {
        0 => Label::In,
        OUT => Label::Out,
        _ => Label::Undec,
    }
}

/// The word of an OUT argument in a [`Labelling`]'s storage (0 is IN, anything else UNDEC).
pub(crate) const OUT: u32 = u32::MAX;

impl Labelling {
    /// The labelling stored in `words`: [`OUT`], 0 for IN, else UNDEC.
    pub(crate) fn from_words(words: Vec<u32>) -> Labelling {
        Labelling { words }
    }
}
