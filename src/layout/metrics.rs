//! Quality measures of a layout: edge crossings, label overlaps, edge length, extent. Public so
//! that `orgmap stats`, the tests and the benchmarks all count with the same code.

use super::geometry::{Point, Rect, TextBox};

/// What `orgmap stats` reports about a layout.
#[derive(Debug, Clone, PartialEq)]
pub struct Metrics {
    /// Pairs of links, drawn straight, that cross (links sharing a role do not count).
    pub crossings: usize,
    /// Pairs of labels that overlap.
    pub label_overlaps: usize,
    /// Labels drawn over another role's node.
    pub labels_over_nodes: usize,
    /// Sum of the straight links' lengths.
    pub edge_length: f64,
    /// Width and height of everything drawn.
    pub extent: Rect,
}

/// Overlaps smaller than this (map units) are rounding, not something a reader sees.
const TOLERANCE: f64 = 0.01;

/// Measures a drawing given as nodes (centre and radius), labels and links (node indices).
pub fn measure(
    nodes: &[Point],
    node_radius: f64,
    labels: &[TextBox],
    links: &[(usize, usize)],
    extent: Rect,
) -> Metrics {
    let segments: Vec<Segment> =
        links.iter().map(|&(a, b)| Segment { a: nodes[a], b: nodes[b], ends: (a, b) }).collect();
    Metrics {
        crossings: count_crossings(&segments),
        label_overlaps: count_label_overlaps(labels),
        labels_over_nodes: count_labels_over_nodes(labels, nodes, node_radius),
        edge_length: segments.iter().map(|s| s.b.minus(s.a).length()).fold(0.0, |a, b| a + b),
        extent,
    }
}

/// A straight link between two nodes.
#[derive(Debug, Clone, Copy)]
pub struct Segment {
    pub a: Point,
    pub b: Point,
    /// The nodes it joins: segments sharing a node never count as crossing.
    pub ends: (usize, usize),
}

/// A uniform grid over a box, mapping points to cells.
struct Grid {
    origin: Point,
    cell: f64,
    cols: usize,
    rows: usize,
}

impl Grid {
    /// A grid of about `cells` square cells over `bounds`.
    fn new(bounds: Rect, cells: usize) -> Self {
        let (w, h) = (bounds.width().max(1e-9), bounds.height().max(1e-9));
        let cell = ((w * h) / cells.max(1) as f64).sqrt().max(w.max(h) / 4096.0).max(1e-6);
        let cols = ((w / cell).floor() as usize + 1).max(1);
        let rows = ((h / cell).floor() as usize + 1).max(1);
        Grid { origin: bounds.min, cell, cols, rows }
    }

    fn coords(&self, p: Point) -> (usize, usize) {
        let cx = ((p.x - self.origin.x) / self.cell).floor().clamp(0.0, (self.cols - 1) as f64);
        let cy = ((p.y - self.origin.y) / self.cell).floor().clamp(0.0, (self.rows - 1) as f64);
        (cx as usize, cy as usize)
    }

    fn index(&self, (cx, cy): (usize, usize)) -> usize {
        cy * self.cols + cx
    }

    /// Every cell a box covers.
    fn cells_of_rect(&self, rect: Rect) -> impl Iterator<Item = usize> + '_ {
        let (x0, y0) = self.coords(rect.min);
        let (x1, y1) = self.coords(rect.max);
        (y0..=y1).flat_map(move |y| (x0..=x1).map(move |x| self.index((x, y))))
    }

    /// Every cell a segment passes through (Amanatides and Woo's traversal).
    fn cells_of_segment(&self, a: Point, b: Point, out: &mut Vec<usize>) {
        out.clear();
        let (mut x, mut y) = self.coords(a);
        let (x_end, y_end) = self.coords(b);
        let d = b.minus(a);
        let step_x: isize = if d.x > 0.0 { 1 } else { -1 };
        let step_y: isize = if d.y > 0.0 { 1 } else { -1 };
        let next_boundary = |c: usize, step: isize, origin: f64| {
            origin + (c as f64 + if step > 0 { 1.0 } else { 0.0 }) * self.cell
        };
        let mut t_max_x = if d.x != 0.0 {
            (next_boundary(x, step_x, self.origin.x) - a.x) / d.x
        } else {
            f64::INFINITY
        };
        let mut t_max_y = if d.y != 0.0 {
            (next_boundary(y, step_y, self.origin.y) - a.y) / d.y
        } else {
            f64::INFINITY
        };
        let t_dx = if d.x != 0.0 { self.cell / d.x.abs() } else { f64::INFINITY };
        let t_dy = if d.y != 0.0 { self.cell / d.y.abs() } else { f64::INFINITY };
        out.push(self.index((x, y)));
        let limit = self.cols + self.rows + 2;
        for _ in 0..limit {
            if (x, y) == (x_end, y_end) {
                break;
            }
            if (t_max_x - t_max_y).abs() <= 1e-12 {
                // Through a corner exactly: take the cells on both sides too, so that a
                // crossing on the corner is seen by both segments.
                let nx = x.saturating_add_signed(step_x).min(self.cols - 1);
                let ny = y.saturating_add_signed(step_y).min(self.rows - 1);
                out.push(self.index((nx, y)));
                out.push(self.index((x, ny)));
                (x, y) = (nx, ny);
                t_max_x += t_dx;
                t_max_y += t_dy;
            } else if t_max_x < t_max_y {
                x = x.saturating_add_signed(step_x).min(self.cols - 1);
                t_max_x += t_dx;
            } else {
                y = y.saturating_add_signed(step_y).min(self.rows - 1);
                t_max_y += t_dy;
            }
            out.push(self.index((x, y)));
        }
        out.sort_unstable();
        out.dedup();
    }
}

/// Counts pairs of segments that cross, in about O((segments + crossings) * cells per segment).
pub fn count_crossings(segments: &[Segment]) -> usize {
    count_crossings_within(segments, usize::MAX).unwrap_or(0)
}

/// Counts pairs of segments that cross, unless that means testing more than `budget` pairs
/// (long links that all pass near the middle of a map share cells with one another: the work
/// grows with the square of their number, whatever the grid): then `None`, at the cost of
/// sorting the segments into cells only.
pub fn count_crossings_within(segments: &[Segment], budget: usize) -> Option<usize> {
    count_crossings_marked(segments, &[], budget).map(|(_, all)| all)
}

/// As [`count_crossings_within`], in the same pass also the crossings between two segments
/// both `marked` (a flag per segment; none when it is shorter): (among the marked, all).
pub fn count_crossings_marked(
    segments: &[Segment],
    marked: &[bool],
    budget: usize,
) -> Option<(usize, usize)> {
    if segments.len() < 2 {
        return Some((0, 0));
    }
    let bounds = segments.iter().fold(Rect::NOTHING, |r, s| {
        r.union(Rect { min: s.a, max: s.a }).union(Rect { min: s.b, max: s.b })
    });
    let grid = Grid::new(bounds, segments.len() * 4);
    let mut buckets: Vec<Vec<u32>> = vec![Vec::new(); grid.cols * grid.rows];
    let mut cells_of: Vec<Vec<usize>> = Vec::with_capacity(segments.len());
    for (i, s) in segments.iter().enumerate() {
        let mut cells = Vec::new();
        grid.cells_of_segment(s.a, s.b, &mut cells);
        for &c in &cells {
            buckets[c].push(i as u32);
        }
        cells_of.push(cells);
    }
    let pairs: usize = buckets.iter().map(|b| b.len() * b.len().saturating_sub(1) / 2).sum();
    if pairs > budget {
        return None;
    }
    let (mut count, mut among_marked) = (0, 0);
    let is_marked = |i: usize| marked.get(i).copied().unwrap_or(false);
    for (cell, bucket) in buckets.iter().enumerate() {
        for (n, &i) in bucket.iter().enumerate() {
            for &j in &bucket[n + 1..] {
                let (i, j) = (i as usize, j as usize);
                if shares_end(&segments[i], &segments[j]) {
                    continue;
                }
                let Some(point) = crossing_point(&segments[i], &segments[j]) else { continue };
                // Each crossing is counted once: in the cell that holds it, where both
                // segments pass (else, at a cell's edge, in the first cell they share).
                let home = grid.index(grid.coords(point));
                let both = |c: usize| {
                    cells_of[i].binary_search(&c).is_ok() && cells_of[j].binary_search(&c).is_ok()
                };
                let counted_here = if both(home) {
                    home == cell
                } else {
                    first_common(&cells_of[i], &cells_of[j]) == Some(cell)
                };
                count += usize::from(counted_here);
                among_marked += usize::from(counted_here && is_marked(i) && is_marked(j));
            }
        }
    }
    Some((among_marked, count))
}

/// The smallest value in both sorted lists.
fn first_common(a: &[usize], b: &[usize]) -> Option<usize> {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return Some(a[i]),
        }
    }
    None
}

fn shares_end(s: &Segment, t: &Segment) -> bool {
    s.ends.0 == t.ends.0 || s.ends.0 == t.ends.1 || s.ends.1 == t.ends.0 || s.ends.1 == t.ends.1
}

/// Where two segments cross properly (not at an end, not along a common line).
fn crossing_point(s: &Segment, t: &Segment) -> Option<Point> {
    let r = s.b.minus(s.a);
    let q = t.b.minus(t.a);
    let denom = r.x * q.y - r.y * q.x;
    if denom.abs() < 1e-12 {
        return None;
    }
    let w = t.a.minus(s.a);
    let u = (w.x * q.y - w.y * q.x) / denom;
    let v = (w.x * r.y - w.y * r.x) / denom;
    let eps = 1e-9;
    (u > eps && u < 1.0 - eps && v > eps && v < 1.0 - eps).then(|| s.a.plus(r.scale(u)))
}

/// Counts pairs of labels that overlap.
pub fn count_label_overlaps(labels: &[TextBox]) -> usize {
    let bounds: Vec<Rect> = labels.iter().map(TextBox::bounds).collect();
    let all = bounds.iter().fold(Rect::NOTHING, |a, b| a.union(*b));
    if labels.len() < 2 || all.is_empty() {
        return 0;
    }
    let grid = Grid::new(all, labels.len());
    let mut buckets: Vec<Vec<u32>> = vec![Vec::new(); grid.cols * grid.rows];
    for (i, b) in bounds.iter().enumerate() {
        for c in grid.cells_of_rect(*b) {
            buckets[c].push(i as u32);
        }
    }
    let mut count = 0;
    for (cell, bucket) in buckets.iter().enumerate() {
        for (n, &i) in bucket.iter().enumerate() {
            for &j in &bucket[n + 1..] {
                let (i, j) = (i as usize, j as usize);
                // Count once: in the cell holding the corner where the two boxes' bounds meet.
                let corner = Point::new(
                    bounds[i].min.x.max(bounds[j].min.x),
                    bounds[i].min.y.max(bounds[j].min.y),
                );
                if grid.index(grid.coords(corner)) == cell
                    && labels[i].overlaps(&labels[j], TOLERANCE)
                {
                    count += 1;
                }
            }
        }
    }
    count
}

/// Counts labels that cover another node than their own (label i belongs to node i).
pub fn count_labels_over_nodes(labels: &[TextBox], nodes: &[Point], radius: f64) -> usize {
    if nodes.is_empty() {
        return 0;
    }
    let all = nodes.iter().fold(Rect::NOTHING, |r, p| r.union(Rect { min: *p, max: *p }));
    let grid = Grid::new(all, nodes.len());
    let mut buckets: Vec<Vec<u32>> = vec![Vec::new(); grid.cols * grid.rows];
    for (i, p) in nodes.iter().enumerate() {
        buckets[grid.index(grid.coords(*p))].push(i as u32);
    }
    let mut count = 0;
    for (i, label) in labels.iter().enumerate() {
        let b = label.bounds();
        let grown = Rect {
            min: Point::new(b.min.x - radius, b.min.y - radius),
            max: Point::new(b.max.x + radius, b.max.y + radius),
        };
        let covered = grid.cells_of_rect(grown).flat_map(|c| buckets[c].iter()).any(|&j| {
            j as usize != i && label.overlaps_circle(nodes[j as usize], radius, TOLERANCE)
        });
        count += usize::from(covered);
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(a: (f64, f64), b: (f64, f64), ends: (usize, usize)) -> Segment {
        Segment { a: Point::new(a.0, a.1), b: Point::new(b.0, b.1), ends }
    }

    #[test]
    fn counts_each_crossing_once() {
        let segments = [
            seg((0.0, 0.0), (10.0, 10.0), (0, 1)),
            seg((0.0, 10.0), (10.0, 0.0), (2, 3)),
            seg((0.0, 5.0), (10.0, 5.0), (4, 5)),
            seg((0.0, 0.0), (0.0, 10.0), (0, 2)), // shares ends with the first two
        ];
        assert_eq!(count_crossings(&segments), 3);
    }

    #[test]
    fn matches_a_brute_force_count_on_a_star() {
        // Every chord of a 12-gon: crossings are C(12, 4) = 495.
        let n = 12;
        let points: Vec<Point> = (0..n)
            .map(|i| Point::polar(100.0, i as f64 * std::f64::consts::TAU / n as f64))
            .collect();
        let mut segments = Vec::new();
        for i in 0..n {
            for j in i + 1..n {
                segments.push(Segment { a: points[i], b: points[j], ends: (i, j) });
            }
        }
        assert_eq!(count_crossings(&segments), 495);
    }
}
