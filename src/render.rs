//! Pictures of frameworks: SVG written here, with a layered layout (Sugiyama's method,
//! from the `rust-sugiyama` crate), and DOT for Graphviz. Arguments are boxes named as
//! the file names them, coloured by a labelling (IN, OUT, UNDEC) with a legend; attacks
//! are arrows, mutual attacks two bent arrows, self-attacks loops.
//!
//! Large frameworks are drawn in part: [`focus`] keeps the arguments within some number
//! of attacks of one; more than [`MAX_DRAWN`] arguments is refused.

use std::fmt::Write as _;

use crate::af::{Arg, Framework};
use crate::semantics::Label;

/// The most arguments a picture shows; past that it would be unreadable.
pub const MAX_DRAWN: usize = 300;

/// What to draw: which arguments, how each is labelled, and what to point out.
#[derive(Clone, Debug)]
pub struct View {
    /// The arguments drawn, in increasing order (attacks between them are drawn).
    pub arguments: Vec<Arg>,
    /// The label of every argument of the framework (indexed by argument).
    pub labels: Vec<Label>,
    /// What the colours mean (`grounded labelling`, `preferred extension 2`, ...).
    pub caption: String,
    /// Arguments drawn with a thick border (the one explained).
    pub highlight: Vec<Arg>,
    /// When `Some`, only these attacks are drawn (an explanation's sub-framework).
    pub attacks: Option<Vec<(Arg, Arg)>>,
}

/// Too many arguments to draw.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "{0} arguments are too many to draw readably (at most {MAX_DRAWN}); draw part of the framework (`focus`)"
)]
pub struct TooLarge(pub usize);

/// The arguments within `depth` attacks of `a`, in either direction, in increasing order.
pub fn focus(af: &Framework, a: Arg, depth: usize) -> Vec<Arg> {
    nearest(af, a, depth, usize::MAX)
}

/// At most `max` arguments within `depth` attacks of `a` (either direction), the nearest
/// first (breadth-first, then by index), returned in increasing order: the part around `a`
/// that can be drawn when the whole neighbourhood is too large.
pub fn nearest(af: &Framework, a: Arg, depth: usize, max: usize) -> Vec<Arg> {
    let mut seen = vec![false; af.len()];
    seen[a.index()] = true;
    let mut kept = vec![a];
    let mut frontier = vec![a];
    for _ in 1..=depth {
        if frontier.is_empty() {
            break;
        }
        let mut next = Vec::new();
        for &x in &frontier {
            for &y in af.attackers(x).iter().chain(af.attacked_by(x)) {
                if !seen[y.index()] {
                    seen[y.index()] = true;
                    next.push(y);
                }
            }
        }
        next.sort_unstable();
        for &y in &next {
            if kept.len() >= max {
                kept.sort_unstable();
                return kept;
            }
            kept.push(y);
        }
        frontier = next;
    }
    kept.sort_unstable();
    kept
}

/// Fill and border colours of a label, readable on white and for the common colour
/// blindnesses (blue / orange / grey rather than green / red alone).
fn colours(label: Label) -> (&'static str, &'static str, &'static str) {
    match label {
        Label::In => ("#cfe8ff", "#1f5fa8", "IN (accepted)"),
        Label::Out => ("#ffd9bf", "#b34700", "OUT (attacked by an accepted argument)"),
        Label::Undec => ("#e6e6e6", "#6b6b6b", "UNDEC (neither)"),
    }
}

/// `&`, `<`, `>`, `"` escaped for XML.
fn xml(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The attacks drawn: between drawn arguments (or the view's own list).
fn drawn_attacks(af: &Framework, view: &View, member: &[bool]) -> Vec<(Arg, Arg)> {
    match &view.attacks {
        Some(list) => list.clone(),
        None => view
            .arguments
            .iter()
            .flat_map(|&a| af.attacked_by(a).iter().map(move |&b| (a, b)))
            .filter(|(_, b)| member[b.index()])
            .collect(),
    }
}

const FONT: f64 = 13.0;
const LINE: f64 = 16.0;
const CHAR_WIDTH: f64 = 7.4;
const LAYER_GAP: f64 = 64.0;
const NODE_GAP: f64 = 22.0;
const MARGIN: f64 = 20.0;
const LEGEND_HEIGHT: f64 = 96.0;
/// Names longer than this are wrapped at an underscore or hyphen, onto two lines.
const WRAP: usize = 16;

/// A name as one or two lines: split at the `_` or `-` nearest its middle when long.
fn lines_of(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    if chars.len() <= WRAP {
        return vec![name.to_owned()];
    }
    let mid = chars.len() / 2;
    let cut = (0..chars.len())
        .filter(|&i| matches!(chars[i], '_' | '-') && i > 0 && i + 1 < chars.len())
        .min_by_key(|&i| i.abs_diff(mid));
    match cut {
        Some(i) => vec![chars[..=i].iter().collect(), chars[i + 1..].iter().collect()],
        None => vec![name.to_owned()],
    }
}

/// A box's size for a name.
fn box_size(name: &str) -> (f64, f64) {
    let lines = lines_of(name);
    let longest = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    (longest as f64 * CHAR_WIDTH + 18.0, lines.len() as f64 * LINE + 10.0)
}

/// An edge of the layout: the two boxes (local ids) and the points it bends through.
type Route = (usize, usize, Vec<(f64, f64)>);

/// Where everything goes: box centres and sizes (indexed as `view.arguments`), and for
/// each attack drawn the points its curve passes through between the two boxes.
struct Placement {
    centre: Vec<(f64, f64)>,
    size: Vec<(f64, f64)>,
    /// `(from, to, bends)`: local ids, and the dummy vertices' points of a long edge.
    edges: Vec<Route>,
    width: f64,
    height: f64,
}

/// Runs the layered layout over `vertices` (sizes) and `edges`; returns each vertex's
/// layer and x centre, components placed side by side.
fn layered(sizes: &[(f64, f64)], edges: &[(u32, u32)]) -> (Vec<usize>, Vec<f64>, Vec<bool>) {
    let vertices: Vec<(u32, (f64, f64))> =
        sizes.iter().enumerate().map(|(i, &s)| (i as u32, s)).collect();
    let config =
        rust_sugiyama::configure::Config { vertex_spacing: NODE_GAP, ..Default::default() };
    let mut layer = vec![0; sizes.len()];
    let mut x = vec![0.0; sizes.len()];
    let mut placed = vec![false; sizes.len()];
    let mut left = 0.0;
    for (coords, _, _) in rust_sugiyama::from_vertices_and_edges(&vertices, edges, &config) {
        let mut ys: Vec<f64> = coords.iter().map(|&(_, (_, y))| y).collect();
        ys.sort_by(f64::total_cmp);
        ys.dedup();
        let min_x =
            coords.iter().map(|&(i, (cx, _))| cx - sizes[i].0 / 2.0).fold(f64::INFINITY, f64::min);
        let mut right: f64 = left;
        for &(i, (cx, cy)) in &coords {
            layer[i] = ys.iter().position(|&v| v == cy).unwrap_or(0);
            x[i] = left + cx - min_x;
            placed[i] = true;
            right = right.max(x[i] + sizes[i].0 / 2.0);
        }
        left = right + 3.0 * NODE_GAP;
    }
    (layer, x, placed)
}

/// Lays the view out: a first pass gives layers; every attack spanning several layers
/// then gets a chain of small dummy vertices, one per layer crossed, and a second pass
/// places those too, so long attacks run between boxes instead of under them. Boxes of a
/// layer are then pushed apart where they would overlap.
fn place(af: &Framework, view: &View, attacks: &[(Arg, Arg)]) -> Placement {
    let n = view.arguments.len();
    let local = |a: Arg| view.arguments.binary_search(&a).ok();
    let mut size: Vec<(f64, f64)> =
        view.arguments.iter().map(|&a| box_size(&af.display_name(a).to_string())).collect();
    // One layout edge per attacked pair (a mutual attack is one double-headed arrow).
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for &(b, c) in attacks {
        if let (Some(x), Some(y)) = (local(b), local(c))
            && x != y
            && !pairs.contains(&(y, x))
            && !pairs.contains(&(x, y))
        {
            pairs.push((x, y));
        }
    }
    // A box is wide enough for its arrows to arrive apart (ports 12 px apart).
    let mut degree = vec![0usize; n];
    for &(x, y) in &pairs {
        degree[x] += 1;
        degree[y] += 1;
    }
    for (s, d) in size.iter_mut().zip(&degree) {
        s.0 = s.0.max(15.0 * (*d as f64 + 1.0) / 1.6);
    }
    let edges: Vec<(u32, u32)> = pairs.iter().map(|&(x, y)| (x as u32, y as u32)).collect();
    let (layer, _, _) = layered(&size, &edges);
    let mut chains: Vec<Vec<usize>> = Vec::new();
    let mut edges2: Vec<(u32, u32)> = Vec::new();
    for &(x, y) in &pairs {
        let span = layer[x].abs_diff(layer[y]);
        let mut chain = vec![x];
        for _ in 1..span {
            size.push((8.0, 8.0));
            chain.push(size.len() - 1);
        }
        chain.push(y);
        edges2.extend(chain.windows(2).map(|w| (w[0] as u32, w[1] as u32)));
        chains.push(chain);
    }
    let (layer, mut x, placed) = layered(&size, &edges2);
    // Push apart what overlaps within a layer, left to right.
    let layers = layer.iter().copied().max().map_or(0, |m| m + 1);
    for l in 0..layers {
        let mut row: Vec<usize> = (0..size.len()).filter(|&i| placed[i] && layer[i] == l).collect();
        row.sort_by(|&i, &j| x[i].total_cmp(&x[j]));
        for w in 1..row.len() {
            let (i, j) = (row[w - 1], row[w]);
            let least = x[i] + size[i].0 / 2.0 + NODE_GAP + size[j].0 / 2.0;
            if x[j] < least {
                x[j] = least;
            }
        }
    }
    let top = MARGIN + LEGEND_HEIGHT + 10.0;
    let row_height = size.iter().take(n).map(|s| s.1).fold(0.0, f64::max);
    let mut centre: Vec<(f64, f64)> = (0..size.len())
        .map(|i| {
            (MARGIN + x[i], top + layer[i] as f64 * (row_height + LAYER_GAP) + row_height / 2.0)
        })
        .collect();
    // As wide as the boxes, the caption and the legend need.
    let caption = view.caption.chars().count() as f64 * (CHAR_WIDTH + 0.6) + 2.0 * MARGIN;
    let mut width =
        x.iter().zip(&size).map(|(x, s)| MARGIN + x + s.0 / 2.0).fold(caption.max(360.0), f64::max);
    let mut bottom = centre.iter().take(n).map(|c| c.1 + row_height / 2.0).fold(top, f64::max);
    // Arguments without a drawn attack: rows below, as wide as the rest.
    let row_width = width.max(700.0);
    let mut cursor = (MARGIN, bottom + LAYER_GAP / 2.0);
    for i in (0..n).filter(|&i| !placed[i]) {
        if cursor.0 + size[i].0 > row_width && cursor.0 > MARGIN {
            cursor = (MARGIN, cursor.1 + row_height + NODE_GAP);
        }
        centre[i] = (cursor.0 + size[i].0 / 2.0, cursor.1 + row_height / 2.0);
        cursor.0 += size[i].0 + NODE_GAP;
        width = width.max(cursor.0);
        bottom = bottom.max(cursor.1 + row_height);
    }
    let edges = chains
        .iter()
        .map(|c| (c[0], c[c.len() - 1], c[1..c.len() - 1].iter().map(|&d| centre[d]).collect()))
        .collect();
    size.truncate(n);
    centre.truncate(n);
    Placement { centre, size, edges, width: width + MARGIN, height: bottom + MARGIN + 10.0 }
}

/// The picture as SVG.
///
/// # Errors
/// [`TooLarge`] past [`MAX_DRAWN`] arguments.
pub fn svg(af: &Framework, view: &View) -> Result<String, TooLarge> {
    let n = view.arguments.len();
    if n > MAX_DRAWN {
        return Err(TooLarge(n));
    }
    let mut member = vec![false; af.len()];
    for &a in &view.arguments {
        member[a.index()] = true;
    }
    let attacks = drawn_attacks(af, view, &member);
    let name = |a: Arg| af.display_name(a).to_string();
    let p = place(af, view, &attacks);
    let (width, height) = (p.width, p.height);
    let mut s = String::new();
    let _ = writeln!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:.0}\" height=\"{height:.0}\" viewBox=\"0 0 {width:.0} {height:.0}\" font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"{FONT}\">"
    );
    s.push_str("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#333\"/></marker></defs>\n");
    s.push_str("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    legend(&mut s, view);
    let half = |i: usize| (p.size[i].0 / 2.0, p.size[i].1 / 2.0);
    // Self-attacks: a loop at the top right corner.
    for &(b, _) in attacks.iter().filter(|(b, c)| b == c) {
        let Ok(i) = view.arguments.binary_search(&b) else { continue };
        let who = xml(&name(b));
        let (cx, cy) = p.centre[i];
        let (hw, hh) = half(i);
        let (sx, sy, ex) = (cx + hw - 12.0, cy - hh, cx + hw);
        let _ = writeln!(
            s,
            "<g class=\"attack\" data-from=\"{who}\" data-to=\"{who}\"><path d=\"M{sx:.1},{sy:.1} C{:.1},{:.1} {:.1},{:.1} {ex:.1},{:.1}\" fill=\"none\" stroke=\"#333\" stroke-width=\"1.4\" marker-end=\"url(#arrow)\"/></g>",
            sx + 4.0,
            sy - 30.0,
            ex + 28.0,
            cy - 6.0,
            cy - 3.0
        );
    }
    // Every edge leaves its source box by the side facing the target (bottom when the
    // target is lower) and enters the target by the side facing the source; the ports of
    // one side are spread along it in the order of the other ends, so that arrows do not
    // pile up on one point and leave straight into the gap between layers.
    let n = view.arguments.len();
    let mut ports: Vec<Vec<(f64, usize, bool)>> = vec![Vec::new(); 2 * n];
    for (k, (x, y, bends)) in p.edges.iter().enumerate() {
        let toward_y = bends.first().copied().unwrap_or(p.centre[*y]);
        let toward_x = bends.last().copied().unwrap_or(p.centre[*x]);
        let down = toward_y.1 >= p.centre[*x].1;
        ports[2 * x + usize::from(down)].push((toward_y.0, k, true));
        let up = toward_x.1 <= p.centre[*y].1;
        ports[2 * y + usize::from(!up)].push((toward_x.0, k, false));
    }
    // Per edge: the source port, and the target port.
    let mut source_end = vec![[(0.0, 0.0); 1]; p.edges.len()];
    let mut target_end = vec![[(0.0, 0.0); 1]; p.edges.len()];
    for (side, list) in ports.iter_mut().enumerate() {
        let (i, bottom) = (side / 2, side % 2 == 1);
        list.sort_by(|a, b| a.0.total_cmp(&b.0));
        let (cx, cy) = p.centre[i];
        let (hw, hh) = half(i);
        let y = if bottom { cy + hh } else { cy - hh };
        for (slot, &(_, k, source)) in list.iter().enumerate() {
            let x = cx - 0.8 * hw + 1.6 * hw * (slot as f64 + 1.0) / (list.len() as f64 + 1.0);
            let end = [(x, y)];
            if source {
                source_end[k] = end;
            } else {
                target_end[k] = end;
            }
        }
    }
    for (k, (x, y, bends)) in p.edges.iter().enumerate() {
        let (b, c) = (view.arguments[*x], view.arguments[*y]);
        let mutual = attacks.contains(&(b, c)) && attacks.contains(&(c, b));
        let forward = attacks.contains(&(b, c));
        let mut points = vec![source_end[k][0]];
        points.extend(bends.iter().copied());
        points.push(target_end[k][0]);
        let (from, to) = if forward { (b, c) } else { (c, b) };
        let heads = match (mutual, forward) {
            (true, _) => " marker-start=\"url(#arrow)\" marker-end=\"url(#arrow)\"",
            (false, true) => " marker-end=\"url(#arrow)\"",
            (false, false) => " marker-start=\"url(#arrow)\"",
        };
        let _ = writeln!(
            s,
            "<g class=\"attack\" data-from=\"{}\" data-to=\"{}\"{}><path d=\"{}\" fill=\"none\" stroke=\"#333\" stroke-width=\"1.4\"{heads}/></g>",
            xml(&name(from)),
            xml(&name(to)),
            if mutual { " data-mutual=\"true\"" } else { "" },
            curve(&points)
        );
    }
    for (i, &a) in view.arguments.iter().enumerate() {
        let (cx, cy) = p.centre[i];
        let (hw, hh) = half(i);
        let label = view.labels[a.index()];
        let (fill, stroke, _) = colours(label);
        let strong = view.highlight.contains(&a);
        let lines = lines_of(&name(a));
        let first_baseline = cy - (lines.len() as f64 - 1.0) * LINE / 2.0 + FONT * 0.35;
        let text: String = lines
            .iter()
            .enumerate()
            .map(|(k, l)| {
                format!(
                    "<tspan x=\"{cx:.1}\" y=\"{:.1}\">{}</tspan>",
                    first_baseline + k as f64 * LINE,
                    xml(l)
                )
            })
            .collect();
        let _ = writeln!(
            s,
            "<g class=\"argument\" data-name=\"{}\" data-label=\"{}\"><rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" rx=\"6\" fill=\"{fill}\" stroke=\"{}\" stroke-width=\"{}\"/><text text-anchor=\"middle\" fill=\"#111\">{text}</text></g>",
            xml(&name(a)),
            label_word(label),
            cx - hw,
            cy - hh,
            2.0 * hw,
            2.0 * hh,
            if strong { "#111" } else { stroke },
            if strong { 3.5 } else { 1.4 },
        );
    }
    s.push_str("</svg>\n");
    Ok(s)
}

/// An SVG path through `points` (a port, the bends, the other port): cubic Béziers with
/// vertical tangents at every point, as layered drawings have them; between layers the
/// curve only moves one way vertically, so it never loops.
fn curve(points: &[(f64, f64)]) -> String {
    let mut d = format!("M{:.1},{:.1}", points[0].0, points[0].1);
    for w in points.windows(2) {
        let (p, q) = (w[0], w[1]);
        let dy = (q.1 - p.1) / 2.0;
        let _ = write!(
            d,
            " C{:.1},{:.1} {:.1},{:.1} {:.1},{:.1}",
            p.0,
            p.1 + dy,
            q.0,
            q.1 - dy,
            q.0,
            q.1
        );
    }
    d
}

fn label_word(l: Label) -> &'static str {
    match l {
        Label::In => "in",
        Label::Out => "out",
        Label::Undec => "undec",
    }
}

fn legend(s: &mut String, view: &View) {
    let _ = writeln!(
        s,
        "<text x=\"{MARGIN}\" y=\"{:.0}\" font-weight=\"bold\">{}</text>",
        MARGIN + 4.0,
        xml(&view.caption)
    );
    for (k, label) in [Label::In, Label::Out, Label::Undec].into_iter().enumerate() {
        let (fill, stroke, what) = colours(label);
        let y = MARGIN + 16.0 + 20.0 * k as f64;
        let _ = writeln!(
            s,
            "<g class=\"legend\"><rect x=\"{MARGIN}\" y=\"{y:.0}\" width=\"22\" height=\"14\" rx=\"3\" fill=\"{fill}\" stroke=\"{stroke}\"/><text x=\"{:.0}\" y=\"{:.0}\">{what}</text></g>",
            MARGIN + 30.0,
            y + 11.5
        );
    }
    if !view.highlight.is_empty() {
        let y = MARGIN + 16.0 + 60.0;
        let _ = writeln!(
            s,
            "<g class=\"legend\"><rect x=\"{MARGIN}\" y=\"{y:.0}\" width=\"22\" height=\"14\" rx=\"3\" fill=\"white\" stroke=\"#111\" stroke-width=\"3\"/><text x=\"{:.0}\" y=\"{:.0}\">the argument in question</text></g>",
            MARGIN + 30.0,
            y + 11.5
        );
    }
}

/// The picture in Graphviz's DOT language.
///
/// # Errors
/// [`TooLarge`] past [`MAX_DRAWN`] arguments.
pub fn dot(af: &Framework, view: &View) -> Result<String, TooLarge> {
    if view.arguments.len() > MAX_DRAWN {
        return Err(TooLarge(view.arguments.len()));
    }
    let mut member = vec![false; af.len()];
    for &a in &view.arguments {
        member[a.index()] = true;
    }
    let quote = |a: Arg| {
        format!("\"{}\"", af.display_name(a).to_string().replace('\\', "\\\\").replace('"', "\\\""))
    };
    let mut s = String::from("digraph framework {\n");
    let _ = writeln!(s, "  label={}; labelloc=t;", quote_str(&view.caption));
    s.push_str("  node [shape=box, style=\"rounded,filled\", fontname=\"DejaVu Sans\"];\n");
    for &a in &view.arguments {
        let (fill, stroke, _) = colours(view.labels[a.index()]);
        let pen = if view.highlight.contains(&a) { ", penwidth=3" } else { "" };
        let _ = writeln!(s, "  {} [fillcolor=\"{fill}\", color=\"{stroke}\"{pen}];", quote(a));
    }
    for (b, c) in drawn_attacks(af, view, &member) {
        let _ = writeln!(s, "  {} -> {};", quote(b), quote(c));
    }
    s.push_str("}\n");
    Ok(s)
}

fn quote_str(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::semantics::grounded_labelling;

    #[test]
    fn focus_keeps_what_is_near() {
        // 0 -> 1 -> 2 -> 3, 4 alone.
        let af = Framework::from_attacks(5, &[(0, 1), (1, 2), (2, 3)]).unwrap();
        assert_eq!(focus(&af, Arg(1), 1), vec![Arg(0), Arg(1), Arg(2)]);
        assert_eq!(focus(&af, Arg(1), 0), vec![Arg(1)]);
        assert_eq!(focus(&af, Arg(0), 9).len(), 4);
    }

    #[test]
    fn too_large_is_refused() {
        let af = Framework::from_attacks(MAX_DRAWN as u32 + 1, &[]).unwrap();
        let view = View {
            arguments: af.args().collect(),
            labels: grounded_labelling(&af).labels().collect(),
            caption: String::new(),
            highlight: Vec::new(),
            attacks: None,
        };
        assert_eq!(svg(&af, &view), Err(TooLarge(MAX_DRAWN + 1)));
        assert!(dot(&af, &view).is_err());
    }
}
