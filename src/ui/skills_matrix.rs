//! The Skills tab's matrix: people down, skills across, each cell a person's level of a
//! skill as a number on a blue ramp that reads the same to colour-blind eyes (and the number
//! says it anyway). Above the people, each skill's highest need and its risk; with a role
//! selected, what that role needs, its columns framed and its holders' gaps outlined.
//!
//! Only the cells on screen are drawn, so a map of 5,000 people scrolls as fast as one of
//! five; the skill names and the people's names stay in view while the cells scroll under.

use std::f32::consts::FRAC_PI_4;

use eframe::egui::{self, Color32, Pos2, Rect, Sense, Stroke, Vec2, text::LayoutJob};

use super::paint::color32;
use crate::analysis::skills::{Coverage, Risk, skill_key};
use crate::export::skills::level_colours;
use crate::font::visual;
use crate::model::OrgMap;

const CELL: Vec2 = Vec2::new(26.0, 20.0);
const TEXT: f32 = 12.0;
/// The warning colour of the risk badges and gaps (with words or outlines, never alone).
const WARN: Color32 = Color32::from_rgb(0xb3, 0x3a, 0x1a);

/// Every person's level of every skill, in the coverage's order of skills (0 for none).
#[derive(Debug, Default)]
pub struct Levels {
    skills: usize,
    cells: Vec<u8>,
}

impl Levels {
    pub fn new(map: &OrgMap, coverage: &Coverage) -> Levels {
        let skills = coverage.skills.len();
        let mut cells = vec![0; skills * map.people.len()];
        for (s, skill) in coverage.skills.iter().enumerate() {
            for &(p, level) in &skill.people {
                cells[p * skills + s] = level;
            }
        }
        Levels { skills, cells }
    }

    pub fn get(&self, person: usize, skill: usize) -> u8 {
        self.cells.get(person * self.skills + skill).copied().unwrap_or(0)
    }
}

/// How the people's rows are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PeopleOrder {
    #[default]
    Name,
    /// Most levels summed over every skill first.
    MostSkilled,
    /// Highest level of the chosen skill first (by name while none is chosen).
    ChosenSkill,
}

/// The people's rows in `order` (the chosen skill a coverage index), ties by name.
pub fn people_order(
    map: &OrgMap,
    levels: &Levels,
    order: PeopleOrder,
    chosen: Option<usize>,
) -> Vec<usize> {
    let mut rows: Vec<usize> = (0..map.people.len()).collect();
    let name = |p: usize| map.people[p].name.to_lowercase();
    let names: Vec<String> = rows.iter().map(|&p| name(p)).collect();
    let total = |p: usize| (0..levels.skills).map(|s| u32::from(levels.get(p, s))).sum::<u32>();
    match (order, chosen) {
        (PeopleOrder::MostSkilled, _) => {
            let totals: Vec<u32> = rows.iter().map(|&p| total(p)).collect();
            rows.sort_by(|&a, &b| totals[b].cmp(&totals[a]).then(names[a].cmp(&names[b])));
        }
        (PeopleOrder::ChosenSkill, Some(s)) => rows.sort_by(|&a, &b| {
            levels.get(b, s).cmp(&levels.get(a, s)).then(names[a].cmp(&names[b]))
        }),
        _ => rows.sort_by(|&a, &b| names[a].cmp(&names[b])),
    }
    rows
}

/// What the matrix shows: the columns (coverage indices, in order), the rows (people).
pub struct Matrix<'a> {
    pub map: &'a OrgMap,
    pub coverage: &'a Coverage,
    pub levels: &'a Levels,
    pub columns: &'a [usize],
    pub rows: &'a [usize],
    pub chosen: Option<usize>,
    /// The selected role, whose needs are marked.
    pub role: Option<usize>,
    pub person: Option<usize>,
}

/// A click in the matrix.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum MatrixClick {
    /// A skill's header or cell: the coverage index.
    Skill(usize),
    Person(usize),
}

/// One line of text, cut with an ellipsis to `width`.
fn one_line(text: &str, width: f32, color: Color32) -> LayoutJob {
    let font = egui::FontId::proportional(TEXT);
    let mut job = LayoutJob::simple_singleline(visual(text).into_owned(), font, color);
    job.wrap = egui::text::TextWrapping {
        max_width: width,
        max_rows: 1,
        break_anywhere: true,
        overflow_character: Some('…'),
    };
    job
}

/// Where everything is: the content's origin on screen and the part of it in view.
struct Grid {
    origin: Pos2,
    /// The visible part, in content coordinates and on screen.
    viewport: Rect,
    seen: Rect,
    names_w: f32,
    /// The slanted names' height, and the header's whole height (names and band rows).
    header_h: f32,
    top: f32,
    slant: f32,
    columns: std::ops::Range<usize>,
    rows: std::ops::Range<usize>,
}

impl Grid {
    fn col_x(&self, c: usize) -> f32 {
        self.origin.x + self.names_w + c as f32 * CELL.x
    }

    fn row_y(&self, r: usize) -> f32 {
        self.origin.y + self.top + r as f32 * CELL.y
    }

    fn cell(&self, c: usize, r: usize) -> Rect {
        Rect::from_min_size(Pos2::new(self.col_x(c), self.row_y(r)), CELL).shrink(1.0)
    }

    /// The top of the view on screen, where the header band stays.
    fn band_top(&self) -> f32 {
        self.origin.y + self.viewport.min.y
    }

    /// The left of the view on screen, where the names stay.
    fn left(&self) -> f32 {
        self.origin.x + self.viewport.min.x
    }

    fn band_row(&self, i: usize) -> f32 {
        self.band_top() + self.header_h + i as f32 * CELL.y
    }

    /// The column and row under a point on screen, if it is on a cell.
    fn cell_at(&self, at: Pos2, columns: usize, rows: usize) -> Option<(usize, usize)> {
        let c = ((at.x - self.origin.x - self.names_w) / CELL.x).floor();
        let r = ((at.y - self.origin.y - self.top) / CELL.y).floor();
        let inside = c >= 0.0 && r >= 0.0 && (c as usize) < columns && (r as usize) < rows;
        inside.then_some((c as usize, r as usize))
    }
}

/// The indices `first..last` of items of `size` from `offset` that fall in `min..max`.
fn visible(min: f32, max: f32, offset: f32, size: f32, count: usize) -> std::ops::Range<usize> {
    let first = ((min - offset) / size).floor().max(0.0) as usize;
    let last = (((max - offset) / size).ceil().max(0.0) as usize).min(count);
    first.min(last)..last
}

/// What the selected role asks of the matrix: its need in each column (0 for none) and the
/// people who hold it.
struct RoleMarks<'a> {
    role: Option<&'a crate::model::Role>,
    needs: Vec<u8>,
    holders: Vec<usize>,
}

impl<'a> RoleMarks<'a> {
    fn new(m: &Matrix<'a>) -> Self {
        let role = m.role.and_then(|r| m.map.roles.get(r));
        let Some(role) = role else {
            return RoleMarks { role, needs: vec![0; m.columns.len()], holders: Vec::new() };
        };
        let needs = m
            .columns
            .iter()
            .map(|&s| {
                let key = &m.coverage.skills[s].key;
                let of = role.skills.iter().filter(|k| skill_key(&k.name) == *key);
                of.map(|k| k.level).max().unwrap_or(0)
            })
            .collect();
        let index = m.map.index();
        let holders = role.holders.iter().filter_map(|h| index.person(h)).collect();
        RoleMarks { role: Some(role), needs, holders }
    }

    fn gap(&self, person: usize, column: usize, level: u8) -> bool {
        self.holders.contains(&person) && level < self.needs[column]
    }
}

/// The name with the most characters.
fn longest<'a>(names: impl Iterator<Item = &'a String>) -> Option<&'a String> {
    names.max_by_key(|n| n.chars().count())
}

fn centred(painter: &egui::Painter, rect: Rect, text: impl ToString, size: f32, color: Color32) {
    let font = egui::FontId::proportional(size);
    painter.text(rect.center(), egui::Align2::CENTER_CENTER, text, font, color);
}

pub fn matrix_ui(ui: &mut egui::Ui, m: &Matrix) -> Option<MatrixClick> {
    let ink = ui.visuals().text_color();
    // Room for the longest name (by characters: measuring 5,000 names on every frame would
    // cost more than drawing them), within bounds.
    let width_of = |text: Option<&String>| {
        let text = visual(text.map_or("", String::as_str)).into_owned();
        ui.painter().layout_no_wrap(text, egui::FontId::proportional(TEXT), ink).size().x
    };
    let person_names = m.rows.iter().map(|&p| &m.map.people[p].name);
    let names_w = (width_of(longest(person_names)) + 22.0).clamp(70.0, 160.0);
    let skill_names = m.columns.iter().map(|&s| &m.coverage.skills[s].name);
    let slant = (width_of(longest(skill_names)) + 8.0).min(150.0);
    let header_h = slant * FRAC_PI_4.sin() + 6.0;
    let marks = RoleMarks::new(m);
    let band_rows = if marks.role.is_some() { 3 } else { 2 };
    let top = header_h + band_rows as f32 * CELL.y;
    let total = Vec2::new(
        names_w + m.columns.len() as f32 * CELL.x + slant * FRAC_PI_4.cos(),
        top + m.rows.len() as f32 * CELL.y,
    );
    let mut click = None;
    let area = egui::ScrollArea::both().id_salt("skills matrix").auto_shrink([false, false]);
    area.show_viewport(ui, |ui, viewport| {
        let origin = ui.max_rect().min;
        ui.set_min_size(total);
        let grid = Grid {
            origin,
            viewport,
            seen: viewport.translate(origin.to_vec2()),
            names_w,
            header_h,
            top,
            slant,
            columns: visible(viewport.min.x, viewport.max.x, names_w, CELL.x, m.columns.len()),
            rows: visible(viewport.min.y, viewport.max.y, top, CELL.y, m.rows.len()),
        };
        // Drawn in this order: the headers and names stay over the cells scrolled under them.
        cells_ui(ui, m, &grid, &marks, &mut click);
        headers_ui(ui, m, &grid, &marks, &mut click);
        names_ui(ui, m, &grid, &marks, band_rows, &mut click);
    });
    click
}

/// The cells on screen, the selected person's row, the chosen skill's and the role's columns
/// framed; the cell under the pointer says what it holds.
fn cells_ui(
    ui: &mut egui::Ui,
    m: &Matrix,
    grid: &Grid,
    marks: &RoleMarks,
    click: &mut Option<MatrixClick>,
) {
    let visuals = ui.visuals().clone();
    let painter = ui.painter_at(grid.seen);
    for r in grid.rows.clone() {
        let p = m.rows[r];
        if m.person == Some(p) {
            let y = grid.row_y(r);
            let band = Rect::from_x_y_ranges(grid.seen.x_range(), y..=y + CELL.y);
            painter.rect_filled(band, 0.0, visuals.selection.bg_fill.gamma_multiply(0.5));
        }
        for c in grid.columns.clone() {
            let level = m.levels.get(p, m.columns[c]);
            let rect = grid.cell(c, r);
            if level > 0 {
                let (fill, text) = level_colours(level);
                painter.rect_filled(rect, 2.0, color32(fill));
                centred(&painter, rect, level, TEXT, color32(text));
            }
            if marks.gap(p, c, level) {
                painter.rect_stroke(rect, 2.0, Stroke::new(2.0, WARN), egui::StrokeKind::Inside);
            }
        }
    }
    let bottom = grid.row_y(m.rows.len());
    for c in grid.columns.clone() {
        let x = grid.col_x(c);
        let column = Rect::from_x_y_ranges(x..=x + CELL.x, grid.band_top()..=bottom);
        if marks.needs[c] > 0 {
            painter.rect_stroke(
                column,
                0.0,
                Stroke::new(1.0, visuals.text_color()),
                egui::StrokeKind::Inside,
            );
        }
        if m.chosen == Some(m.columns[c]) {
            let stroke = Stroke::new(2.0, visuals.selection.stroke.color);
            painter.rect_stroke(column, 0.0, stroke, egui::StrokeKind::Inside);
        }
    }
    let cells = Rect::from_x_y_ranges(
        grid.left() + grid.names_w..=grid.seen.max.x,
        grid.band_top() + grid.top..=grid.seen.max.y,
    );
    let response = ui.interact(cells, ui.scope_id().with("cells"), Sense::click());
    let Some((c, r)) =
        response.hover_pos().and_then(|at| grid.cell_at(at, m.columns.len(), m.rows.len()))
    else {
        return;
    };
    let (p, s) = (m.rows[r], m.columns[c]);
    let level = m.levels.get(p, s);
    let mut words = format!("{}: {} {level}", m.map.people[p].name, m.coverage.skills[s].name);
    if let Some(role) = marks.role.filter(|_| marks.gap(p, c, level)) {
        words.push_str(&format!(" (as {} needs {})", role.name, marks.needs[c]));
    }
    if response.clicked() {
        *click = Some(MatrixClick::Skill(s));
    }
    response.on_hover_text_at_pointer(words);
}

/// Over the columns on screen: each skill's name slanted, its highest need, its risk and the
/// selected role's need; each header a named button that chooses the skill.
fn headers_ui(
    ui: &mut egui::Ui,
    m: &Matrix,
    grid: &Grid,
    marks: &RoleMarks,
    click: &mut Option<MatrixClick>,
) {
    let (ink, muted) = (ui.visuals().text_color(), ui.visuals().weak_text_color());
    let painter = ui.painter_at(grid.seen);
    let top = grid.band_top();
    let band = Rect::from_x_y_ranges(grid.seen.x_range(), top..=top + grid.top);
    painter.rect_filled(band, 0.0, ui.visuals().panel_fill);
    for c in grid.columns.clone() {
        let s = m.columns[c];
        let skill = &m.coverage.skills[s];
        let x = grid.col_x(c);
        let galley = ui.painter().layout_job(one_line(&skill.name, grid.slant, ink));
        let at = Pos2::new(x + CELL.x * 0.35, top + grid.header_h - 2.0);
        painter.add(egui::epaint::TextShape::new(at, galley, ink).with_angle(-FRAC_PI_4));
        let cell = |i: usize| Rect::from_min_size(Pos2::new(x, grid.band_row(i)), CELL);
        let need = skill.highest_need();
        centred(
            &painter,
            cell(0),
            if need == 0 { "–".into() } else { need.to_string() },
            TEXT,
            muted,
        );
        let (badge, color) = match skill.risk {
            Risk::Uncovered => ("none", WARN),
            Risk::Single => ("1", WARN),
            Risk::Ok => ("ok", muted),
        };
        centred(&painter, cell(1), badge, TEXT - 2.0, color);
        if marks.needs[c] > 0 {
            centred(&painter, cell(2), format!("▶{}", marks.needs[c]), TEXT, ink);
        }
        let header = Rect::from_x_y_ranges(x..=x + CELL.x, top..=top + grid.top).intersect(
            Rect::from_x_y_ranges(
                grid.left() + grid.names_w..=grid.seen.max.x,
                top..=grid.seen.max.y,
            ),
        );
        let response = ui.interact(header, ui.scope_id().with(("skill", s)), Sense::click());
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &skill.name));
        let has = match skill.people.len() {
            0 => "nobody has it".to_string(),
            1 => "1 person has it".to_string(),
            n => format!("{n} people have it"),
        };
        let words =
            format!("{}: needed up to level {need}, {has} ({})", skill.name, skill.risk.label());
        if response.on_hover_text(words).clicked() {
            *click = Some(MatrixClick::Skill(s));
        }
    }
}

/// The names column: the band rows' names, then each person on screen (● for the selected
/// role's holders), each a named button that selects the person.
fn names_ui(
    ui: &mut egui::Ui,
    m: &Matrix,
    grid: &Grid,
    marks: &RoleMarks,
    band_rows: usize,
    click: &mut Option<MatrixClick>,
) {
    let (ink, muted) = (ui.visuals().text_color(), ui.visuals().weak_text_color());
    let painter = ui.painter_at(grid.seen);
    let left = grid.left();
    let right_aligned = |galley: std::sync::Arc<egui::Galley>, y: f32| {
        Pos2::new(left + grid.names_w - 4.0 - galley.size().x, y + (CELL.y - galley.size().y) / 2.0)
    };
    let column = Rect::from_x_y_ranges(left..=left + grid.names_w, grid.seen.y_range());
    painter.rect_filled(column, 0.0, ui.visuals().panel_fill);
    for (i, name) in ["needs", "risk", "▶ role"].iter().take(band_rows).enumerate() {
        let galley = ui.painter().layout_job(one_line(name, grid.names_w - 6.0, muted));
        painter.galley(right_aligned(galley.clone(), grid.band_row(i)), galley, muted);
    }
    let clip = Rect::from_x_y_ranges(
        left..=left + grid.names_w,
        grid.band_top() + grid.top..=grid.seen.max.y,
    );
    let painter = painter.with_clip_rect(clip);
    for r in grid.rows.clone() {
        let p = m.rows[r];
        let name = &m.map.people[p].name;
        let holds = marks.holders.contains(&p);
        let shown = if holds { format!("● {name}") } else { name.clone() };
        let galley = ui.painter().layout_job(one_line(&shown, grid.names_w - 6.0, ink));
        let y = grid.row_y(r);
        painter.galley(right_aligned(galley.clone(), y), galley, ink);
        let rect =
            Rect::from_x_y_ranges(left..=left + grid.names_w, y..=y + CELL.y).intersect(clip);
        let response = ui.interact(rect, ui.scope_id().with(("person", p)), Sense::click());
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, name));
        if response.clicked() {
            *click = Some(MatrixClick::Person(p));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::skills::coverage;
    use crate::model::{Person, Skill};

    fn person(name: &str, skills: &[(&str, u8)]) -> Person {
        Person {
            id: name.to_lowercase(),
            name: name.into(),
            note: String::new(),
            skills: skills.iter().map(|&(n, level)| Skill { name: n.into(), level }).collect(),
        }
    }

    #[test]
    fn people_are_ordered_by_name_by_all_their_levels_or_by_the_chosen_skill() {
        let mut map = OrgMap::new("m");
        map.people = vec![
            person("cat", &[("Rota", 1)]),
            person("Ann", &[("Coaching", 2), ("rota", 2)]),
            person("Bob", &[("Coaching", 5)]),
        ];
        let coverage = coverage(&map);
        let levels = Levels::new(&map, &coverage);
        let coaching = coverage.skills.iter().position(|s| s.key == "coaching").unwrap();
        let rota = coverage.skills.iter().position(|s| s.key == "rota").unwrap();
        assert_eq!(levels.get(1, rota), 2, "one skill whatever its case");
        assert_eq!(people_order(&map, &levels, PeopleOrder::Name, None), [1, 2, 0]);
        assert_eq!(people_order(&map, &levels, PeopleOrder::MostSkilled, None), [2, 1, 0]);
        let by_coaching = people_order(&map, &levels, PeopleOrder::ChosenSkill, Some(coaching));
        assert_eq!(by_coaching, [2, 1, 0]);
        let by_rota = people_order(&map, &levels, PeopleOrder::ChosenSkill, Some(rota));
        assert_eq!(by_rota, [1, 0, 2], "ties and nobody at the end, by name");
    }
}
