//! The map as Graphviz DOT, and Graphviz's `-Tplain` output read back, so that orgmap's layout
//! and Graphviz's can be measured with the same code.
//!
//! Units: Graphviz positions are points with y up; orgmap's map space is pixels with y down.
//! One pixel is taken as one point.

use std::fmt::Write;

use crate::layout::{Layout, LayoutOptions, Point, RoleGraph, TextBox};
use crate::model::OrgMap;

/// Points per inch: Graphviz gives node sizes in inches.
const POINTS_PER_INCH: f64 = 72.0;

/// The node name of role `index`: plain, so that any role id is safe in DOT and in `-Tplain`.
fn node_name(index: usize) -> String {
    format!("r{index}")
}

/// Escapes text for a DOT double-quoted string.
fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// DOT for `twopi`: a root, a spanning tree that puts every role on its own ring (ring k at
/// rank k + 1), and the links with weight=0 so that they do not change the ranks.
pub fn to_dot(map: &OrgMap, options: &LayoutOptions) -> String {
    let mut out = String::new();
    let graph = RoleGraph::new(map);
    header(&mut out, map, options);
    let _ = writeln!(out, "    graph [root=\"root\", ranksep=1.0];");
    let _ = writeln!(out, "    root [label=\"\", shape=point, style=invis];");
    let ring_of: Vec<usize> = map
        .roles
        .iter()
        .map(|r| map.rings.iter().position(|ring| ring.id == r.ring).unwrap_or(0))
        .collect();
    let mut by_ring: Vec<Vec<usize>> = vec![Vec::new(); map.rings.len()];
    for (i, &k) in ring_of.iter().enumerate() {
        by_ring[k].push(i);
    }
    role_nodes(&mut out, map);
    // A ring with no roles still needs a rank: an invisible stand-in carries the tree through.
    let mut parents: Vec<String> = vec!["root".to_string()];
    for (k, roles) in by_ring.iter().enumerate() {
        if roles.is_empty() {
            let stand_in = format!("ring{k}");
            let _ = writeln!(out, "    {stand_in} [label=\"\", shape=point, style=invis];");
            let _ = writeln!(out, "    {} -- {stand_in} [style=invis];", parents[0]);
            parents = vec![stand_in];
            continue;
        }
        for (n, &role) in roles.iter().enumerate() {
            // Prefer a parent the role is linked to; else spread the children evenly.
            let linked = graph
                .neighbours(role)
                .filter(|&m| k > 0 && ring_of[m] + 1 == k)
                .map(node_name)
                .find(|name| parents.contains(name));
            let parent = linked.unwrap_or_else(|| parents[n * parents.len() / roles.len()].clone());
            let _ = writeln!(out, "    {parent} -- {} [style=invis];", node_name(role));
        }
        parents = roles.iter().map(|&r| node_name(r)).collect();
    }
    links(&mut out, &graph, "weight=0");
    out.push_str("}\n");
    out
}

/// DOT with orgmap's own drawing, for `neato -n2`: each role as two nodes, its node `rI` (a
/// circle of the node's size where orgmap draws it, so links run between the same points)
/// and its label `lI` (a box of the label's size at the label's centre), so that what Graphviz
/// draws and what is measured from its `-Tplain` output is what orgmap drew. A label set along
/// the radius is turned by `orgmap_rotation` degrees (clockwise, as drawn): Graphviz cannot turn
/// text and ignores the attribute, so it draws such a label upright; a reader that turns the
/// box by it measures exactly what orgmap drew.
pub fn to_dot_with_positions(map: &OrgMap, layout: &Layout, options: &LayoutOptions) -> String {
    let mut out = String::new();
    header(&mut out, map, options);
    let node_size = 2.0 * options.node_radius / POINTS_PER_INCH;
    for (i, role) in map.roles.iter().enumerate() {
        let placed = &layout.roles[i];
        let _ = writeln!(
            out,
            "    {} [id={}, label=\"\", shape=circle, pos=\"{:.2},{:.2}!\", width={node_size:.4}, height={node_size:.4}, fixedsize=true];",
            node_name(i),
            quote(&role.id),
            placed.pos.x,
            -placed.pos.y,
        );
        let label = placed.label;
        let text = placed.label_lines(&role.name).join("\n");
        let _ = writeln!(
            out,
            "    {} [label={}, shape=box, style=invis, fontcolor=black, pos=\"{:.2},{:.2}!\", width={:.4}, height={:.4}, orgmap_rotation={:.2}, fixedsize=true];",
            label_name(i),
            quote(&text),
            label.center.x,
            -label.center.y,
            2.0 * label.half_width / POINTS_PER_INCH,
            2.0 * label.half_height / POINTS_PER_INCH,
            label.rotation.to_degrees().rem_euclid(360.0),
        );
    }
    links(&mut out, &RoleGraph::new(map), "");
    out.push_str("}\n");
    out
}

/// The node name of role `index`'s label in [`to_dot_with_positions`].
fn label_name(index: usize) -> String {
    format!("l{index}")
}

fn header(out: &mut String, map: &OrgMap, options: &LayoutOptions) {
    let _ = writeln!(out, "graph orgmap {{");
    let _ = writeln!(out, "    label={};", quote(&map.name));
    let _ = writeln!(out, "    graph [overlap=true, splines=false, outputorder=edgesfirst];");
    let _ = writeln!(
        out,
        "    node [shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", fontsize={}, margin=\"0.02,0.01\"];",
        options.label_size
    );
}

fn role_nodes(out: &mut String, map: &OrgMap) {
    for (i, role) in map.roles.iter().enumerate() {
        let _ = writeln!(
            out,
            "    {} [label={}, id={}];",
            node_name(i),
            quote(&role.name),
            quote(&role.id)
        );
    }
}

fn links(out: &mut String, graph: &RoleGraph, attrs: &str) {
    for (a, b) in graph.edges() {
        let attrs = if attrs.is_empty() { String::new() } else { format!(" [{attrs}]") };
        let _ = writeln!(out, "    {} -- {}{attrs};", node_name(a), node_name(b));
    }
}

/// Role positions and boxes read from Graphviz's `-Tplain` output, in map space: of
/// [`to_dot`] laid out by twopi (each role one node, a box that is its label), or of
/// [`to_dot_with_positions`] drawn by `neato -n2` (a node and a label box per role).
#[derive(Debug, Clone, PartialEq)]
pub struct PlainLayout {
    /// Centre of each role's node, by role index; `None` where the output has no such node.
    pub nodes: Vec<Option<Point>>,
    /// Each role's label box, by role index: its own label node where there is one, else its
    /// node's box. (`-Tplain` gives boxes upright: a turned label is read as its upright box.)
    pub boxes: Vec<Option<TextBox>>,
    /// The radius of the nodes where labels are nodes of their own; 0 where the node is its
    /// label.
    pub node_radius: f64,
}

/// Reads `-Tplain` output: `graph scale w h`, then `node name x y width height ...` (inches).
pub fn read_plain(text: &str, roles: usize) -> Result<PlainLayout, String> {
    let mut nodes = vec![None; roles];
    let mut boxes = vec![None; roles];
    let mut labels = vec![None; roles];
    let mut node_radius: f64 = 0.0;
    let mut scale = 1.0;
    for (n, line) in text.lines().enumerate() {
        let fields: Vec<&str> = line.split_whitespace().collect();
        let bad = |what: &str| format!("line {}: {what}: {line}", n + 1);
        match fields.first() {
            Some(&"graph") => {
                scale =
                    fields.get(1).and_then(|s| s.parse().ok()).ok_or_else(|| bad("no scale"))?;
            }
            Some(&"node") if fields.len() >= 6 => {
                let name = fields[1];
                let is_label = name.starts_with('l');
                let Some(index) = name
                    .strip_prefix(['r', 'l'])
                    .filter(|i| i.bytes().all(|b| b.is_ascii_digit()))
                    .and_then(|i| i.parse::<usize>().ok())
                else {
                    continue; // the root and ring stand-ins
                };
                let number = |i: usize| fields[i].parse::<f64>().map_err(|_| bad("not a number"));
                let (x, y) =
                    (number(2)? * scale * POINTS_PER_INCH, -number(3)? * scale * POINTS_PER_INCH);
                let (w, h) = (number(4)? * POINTS_PER_INCH, number(5)? * POINTS_PER_INCH);
                if index >= roles {
                    continue;
                }
                let shape = TextBox {
                    center: Point::new(x, y),
                    half_width: w / 2.0,
                    half_height: h / 2.0,
                    rotation: 0.0,
                };
                if is_label {
                    labels[index] = Some(shape);
                } else {
                    nodes[index] = Some(Point::new(x, y));
                    boxes[index] = Some(shape);
                    node_radius = node_radius.max(w.min(h) / 2.0);
                }
            }
            _ => {}
        }
    }
    if labels.iter().any(Option::is_some) {
        return Ok(PlainLayout { nodes, boxes: labels, node_radius });
    }
    Ok(PlainLayout { nodes, boxes, node_radius: 0.0 })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_everything_dot_would_misread() {
        assert_eq!(quote("a \"b\" \\ c\nd"), "\"a \\\"b\\\" \\\\ c\\nd\"");
    }

    #[test]
    fn reads_plain_output() {
        let plain = "graph 1 10 10\nnode r1 1 2 0.5 0.25 \"A\" solid box black white\nnode root 0 0 0 0 \"\" invis point black black\nstop\n";
        let read = read_plain(plain, 2).unwrap();
        assert_eq!(read.nodes[0], None);
        assert_eq!(read.nodes[1], Some(Point::new(72.0, -144.0)));
        assert_eq!(read.boxes[1].unwrap().half_width, 18.0);
    }
}
