//! The desktop app's behaviour, driven like a user would (egui_kittest): widgets are found by
//! their accessible names, the canvas is clicked where a role is drawn.

use std::path::Path;

use eframe::egui::accesskit::Role;
use eframe::egui::{self, Modifiers, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use orgmap::app::OrgMapApp;
use orgmap::format;

mod common;
use common::{
    app_on_copy, click_at, click_role, harness_for, right_click, role_index, sample_path, type_path,
};

fn purpose_of(harness: &Harness<'_, OrgMapApp>, index: usize) -> String {
    harness.state().doc.map.roles[index].purpose.clone()
}

#[test]
fn clicking_a_role_selects_it_and_shows_its_job_description() {
    let (_dir, _path, mut harness) = app_on_copy("wellbeing_teams.ron");
    let coach = click_role(&mut harness, "practice-coach");
    assert_eq!(harness.state().selected_role(), Some(coach));
    // The inspector shows the role: its name field and the five parts.
    harness.get_by_role_and_label(Role::TextInput, "Name");
    harness.get_by_role_and_label(Role::Label, "1. Purpose");
    harness.get_by_role_and_label(Role::Label, "3. Outcomes");
    // Clicking the background leaves the selection.
    let canvas = harness.state().canvas_rect().unwrap();
    click_at(&mut harness, Pos2::new(canvas.max.x - 10.0, canvas.min.y + 10.0));
    assert_eq!(harness.state().selected_role(), None);
    harness.get_by_label("The organisation");
}

#[test]
fn editing_purpose_and_an_outcome_then_undo_and_redo() {
    let (_dir, _path, mut harness) = app_on_copy("wellbeing_teams.ron");
    let coach = click_role(&mut harness, "practice-coach");
    let before = purpose_of(&harness, coach);
    let outcome_before = harness.state().doc.map.roles[coach].outcomes[0].clone();

    // A sentence typed in pieces, frame after frame, is one undo step.
    harness.get_by_role_and_label(Role::MultilineTextInput, "Purpose").focus();
    harness.run_steps(1);
    for piece in [" Also", " coach", " the coaches."] {
        harness.get_by_role_and_label(Role::MultilineTextInput, "Purpose").type_text(piece);
        harness.run_steps(1);
    }
    let typed = purpose_of(&harness, coach);
    assert!(typed.ends_with("Also coach the coaches."), "purpose is now {typed:?}");
    assert_eq!(typed.len(), before.len() + " Also coach the coaches.".len());
    assert!(harness.state().doc.is_dirty());

    // An outcome: the first field of the Outcomes list.
    let outcomes = harness.get_all_by_role_and_label(Role::MultilineTextInput, "3. Outcomes");
    let first = outcomes.into_iter().next().expect("an outcome field");
    first.focus();
    harness.run_steps(1);
    harness
        .get_all_by_role_and_label(Role::MultilineTextInput, "3. Outcomes")
        .next()
        .unwrap()
        .type_text(" (by March)");
    harness.run_steps(2);
    let outcome = harness.state().doc.map.roles[coach].outcomes[0].clone();
    assert!(outcome.ends_with("(by March)"), "outcome is now {outcome:?}");

    // Undo the outcome, then the whole sentence, in one step each.
    harness.key_press_modifiers(Modifiers::COMMAND, egui::Key::Z);
    harness.run_steps(2);
    assert_eq!(harness.state().doc.map.roles[coach].outcomes[0], outcome_before);
    assert_eq!(purpose_of(&harness, coach), typed);
    harness.key_press_modifiers(Modifiers::COMMAND, egui::Key::Z);
    harness.run_steps(2);
    assert_eq!(purpose_of(&harness, coach), before);
    assert!(!harness.state().doc.is_dirty(), "back to the file as opened");

    // Redo with Ctrl+Shift+Z, then Ctrl+Y.
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, egui::Key::Z);
    harness.run_steps(2);
    assert_eq!(purpose_of(&harness, coach), typed);
    harness.key_press_modifiers(Modifiers::COMMAND, egui::Key::Y);
    harness.run_steps(2);
    assert_eq!(harness.state().doc.map.roles[coach].outcomes[0], outcome);
}

#[test]
fn saving_writes_the_change_and_clears_the_unsaved_mark() {
    let (_dir, path, mut harness) = app_on_copy("wellbeing_teams.ron");
    let coach = click_role(&mut harness, "practice-coach");
    harness.get_by_role_and_label(Role::MultilineTextInput, "Purpose").focus();
    harness.run_steps(1);
    harness.get_by_role_and_label(Role::MultilineTextInput, "Purpose").type_text(" Saved.");
    harness.run_steps(2);
    assert!(harness.state().doc.title().contains('●'), "the title marks unsaved changes");
    harness.key_press_modifiers(Modifiers::COMMAND, egui::Key::S);
    harness.run_steps(2);
    assert!(!harness.state().doc.is_dirty());
    assert!(!harness.state().doc.title().contains('●'));
    let saved = format::load(&path).unwrap();
    assert_eq!(saved.roles[coach].purpose, purpose_of(&harness, coach));
    assert!(saved.roles[coach].purpose.ends_with(" Saved."));
}

fn request_close(harness: &mut Harness<'_, OrgMapApp>) {
    harness
        .input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    harness.run_steps(2);
}

#[test]
fn closing_with_unsaved_changes_asks_first() {
    let (_dir, _path, mut harness) = app_on_copy("wellbeing_teams.ron");
    // Nothing changed: closing does not ask.
    request_close(&mut harness);
    assert!(!harness.state().is_asking_about_unsaved_changes());

    click_role(&mut harness, "team-coach");
    harness.get_by_role_and_label(Role::MultilineTextInput, "Purpose").focus();
    harness.run_steps(1);
    harness.get_by_role_and_label(Role::MultilineTextInput, "Purpose").type_text(" Draft.");
    harness.run_steps(2);

    request_close(&mut harness);
    assert!(harness.state().is_asking_about_unsaved_changes());
    harness.get_by_label("Unsaved changes");
    harness.get_by_label("Cancel").click();
    harness.run_steps(2);
    assert!(!harness.state().is_asking_about_unsaved_changes());
    assert!(!harness.state().is_closing(), "Cancel keeps the window open");

    request_close(&mut harness);
    harness.get_by_label("Don't save").click();
    harness.run_steps(2);
    assert!(harness.state().is_closing());
}

#[test]
fn a_broken_file_shows_its_error_and_keeps_the_open_map() {
    let (dir, _path, mut harness) = app_on_copy("wellbeing_teams.ron");
    let broken = dir.path().join("broken.ron");
    std::fs::write(&broken, "(\n    format: 1,\n    name: \"Broken\",\n    rings: [(id: \"a\", name: \"A\")],\n    roles: [(id: \"r\", name: \"R\", ring: \"suport\")],\n)\n").unwrap();
    let name_before = harness.state().doc.map.name.clone();
    let ctx = harness.ctx.clone();
    harness.state_mut().act(&ctx, orgmap::ui::menus::Action::OpenPath(broken.clone()));
    harness.run_steps(3);
    let message = harness.state().error_message().expect("an error is shown").to_string();
    assert!(message.contains("suport"), "the error names the wrong ring: {message}");
    assert!(message.contains(":5:"), "the error gives the line: {message}");
    assert_eq!(harness.state().doc.map.name, name_before, "the open map stays");
    harness.get_by_label("Close").click();
    harness.run_steps(2);
    assert!(harness.state().error_message().is_none());
}

#[test]
fn a_bad_path_on_the_command_line_opens_an_empty_map_with_the_reason() {
    let app = OrgMapApp::open(Some(Path::new("/no/such/map.ron")));
    assert!(app.error_message().unwrap().contains("/no/such/map.ron"));
    assert_eq!(app.doc.map.roles.len(), 0);
}

#[test]
fn keys_zoom_and_fit_the_map() {
    let (_dir, _path, mut harness) = app_on_copy("wellbeing_teams.ron");
    let fitted = harness.state().view;
    harness.key_press(egui::Key::Plus);
    harness.run_steps(2);
    assert!(harness.state().view.zoom > fitted.zoom * 1.2, "+ zooms in");
    harness.key_press(egui::Key::Minus);
    harness.key_press(egui::Key::Minus);
    harness.run_steps(2);
    assert!(harness.state().view.zoom < fitted.zoom, "- zooms out");
    harness.key_press(egui::Key::F);
    harness.run_steps(2);
    assert!((harness.state().view.zoom - fitted.zoom).abs() < 1e-4, "F fits the map again");
}

#[test]
fn without_a_file_dialog_open_and_save_as_ask_for_a_path() {
    let (dir, _path, mut harness) = app_on_copy("wellbeing_teams.ron");
    harness.state_mut().file_dialog_available = false;

    // Save as: type a new path; the map is written there and the title follows.
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, egui::Key::S);
    harness.run_steps(2);
    let copy = dir.path().join("copy.ron");
    type_path(&mut harness, "Path of the file (.ron)", &copy);
    harness.get_by_label("Save").click();
    harness.run_steps(2);
    assert_eq!(format::load(&copy).unwrap().name, harness.state().doc.map.name);
    assert!(harness.state().doc.title().starts_with("copy.ron"));

    // Open: another sample by path.
    harness.key_press_modifiers(Modifiers::COMMAND, egui::Key::O);
    harness.run_steps(2);
    let other = sample_path("living_systems_sales.ron");
    harness.get_by_role_and_label(Role::TextInput, "Path of the file (.ron)").focus();
    harness.run_steps(1);
    harness
        .get_by_role_and_label(Role::TextInput, "Path of the file (.ron)")
        .type_text(other.to_str().unwrap());
    harness.run_steps(1);
    harness.get_by_label("Open").click();
    harness.run_steps(3);
    assert_eq!(harness.state().doc.map.name, format::load(&other).unwrap().name);
    assert_eq!(harness.state().prefs.recent.first(), Some(&other.canonicalize().unwrap()));
}

#[test]
fn file_export_writes_a_pdf_and_a_role_exports_its_candidate_pack() {
    let (dir, path, mut harness) = app_on_copy("wellbeing_teams.ron");
    harness.state_mut().file_dialog_available = false;

    // File > Export (Ctrl+E): PDF, its size shown before writing; the path is proposed beside
    // the map.
    harness.key_press_modifiers(Modifiers::COMMAND, egui::Key::E);
    harness.run_steps(2);
    harness.get_by_label("PDF").click();
    harness.run_steps(2);
    harness.get_by_label_contains("Size: A3 landscape, labels");
    harness.get_by_label("Export…").click();
    harness.run_steps(2);
    harness.get_by_label("Export").click();
    harness.run_steps(2);
    let pdf = path.with_extension("pdf");
    let bytes = std::fs::read(&pdf).expect("the PDF is written beside the map");
    assert!(bytes.starts_with(b"%PDF"));

    // Right-click a role: its context menu exports its candidate pack.
    let coach = role_index(&harness, "practice-coach");
    let pos = harness.state().role_screen_pos(coach).unwrap();
    right_click(&mut harness, pos);
    harness.get_by_label("Export candidate pack…").click();
    harness.run_steps(3);
    harness.get_by_label("For the role “Practice Coach”");
    harness.get_by_label("Markdown").click();
    harness.run_steps(2);
    harness.get_by_label("Export…").click();
    harness.run_steps(2);
    let md = dir.path().join("coach.md");
    type_path(&mut harness, "Path of the file", &md);
    harness.get_by_label("Export").click();
    harness.run_steps(2);
    let text = std::fs::read_to_string(&md).expect("the pack is written");
    assert!(text.starts_with("# Practice Coach"), "{text}");
    assert!(harness.state().error_message().is_none());
}

#[test]
fn file_export_as_web_page_writes_the_page_opening_on_the_selected_role() {
    let (_dir, path, mut harness) = app_on_copy("wellbeing_teams.ron");
    harness.state_mut().file_dialog_available = false;
    let coach = click_role(&mut harness, "practice-coach");
    assert_eq!(harness.state().selected_role(), Some(coach));
    harness.get_by_label("File").click();
    harness.run_steps(2);
    harness.get_by_label_contains("Export as web page (HTML)…").click();
    harness.run_steps(4);
    // The path proposed is beside the map, named after it.
    harness.get_by_label("Export").click();
    harness.run_steps(2);
    let page = std::fs::read_to_string(path.with_extension("html")).expect("the page is written");
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains("<article class=\"job\" id=\"role-practice-coach\""));
    assert!(page.contains("\"start\":\"practice-coach\""), "opens on the selected role");
    assert!(harness.state().error_message().is_none());
}

#[test]
fn the_screen_and_the_svg_export_draw_the_same_scene() {
    use orgmap::export::svg::{SvgOptions, to_svg};
    use orgmap::layout::{self, LayoutOptions};
    use orgmap::scene::{self, SceneOptions, Shape};

    let (_dir, _path, harness) = app_on_copy("wellbeing_teams.ron");
    let shown = harness.state().scene().expect("the canvas has drawn").clone();
    // What an export of the same map builds, from the same layers.
    let map = &harness.state().doc.map;
    let placed = layout::compute(map, &LayoutOptions::default(), &orgmap::font::measure);
    let exported = scene::build(map, &placed, &SceneOptions::default());
    assert_eq!(shown, exported, "the window paints the scene the exports write");

    // And the SVG writes every shape and text of that scene.
    let svg = to_svg(&exported, &SvgOptions::default());
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let count = |tag: &str| doc.descendants().filter(|n| n.has_tag_name(tag)).count();
    let of = |f: &dyn Fn(&Shape) -> bool| exported.items.iter().filter(|i| f(&i.shape)).count();
    assert_eq!(count("circle"), of(&|s| matches!(s, Shape::Disc { .. } | Shape::Circle { .. })));
    assert_eq!(count("polyline"), of(&|s| matches!(s, Shape::Line { .. })));
    assert_eq!(count("polygon"), of(&|s| matches!(s, Shape::Polygon { .. })));
    assert_eq!(count("textPath"), of(&|s| matches!(s, Shape::ArcText { .. })));
    let mut svg_texts: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.descendants().filter(|d| d.is_text()).filter_map(|d| d.text()).collect())
        .collect();
    // The scene's texts, a role's label lines read as one (the SVG sets them as one <text>).
    let mut scene_texts: Vec<String> = Vec::new();
    let mut last_label = None;
    for item in &exported.items {
        let text = match &item.shape {
            Shape::Text(t) => t.text.clone(),
            Shape::ArcText { text, .. } => text.clone(),
            _ => continue,
        };
        match (item.part, last_label) {
            (scene::Part::RoleLabel(i), Some(j)) if i == j => {
                let joined = scene_texts.last_mut().unwrap();
                joined.push_str(orgmap::layout::line_joint(joined));
                joined.push_str(&text);
            }
            (part, _) => {
                scene_texts.push(text);
                last_label = match part {
                    scene::Part::RoleLabel(i) => Some(i),
                    _ => None,
                };
            }
        }
    }
    svg_texts.sort();
    scene_texts.sort();
    assert_eq!(svg_texts, scene_texts);
}

#[test]
fn a_large_map_is_laid_out_without_freezing_the_window() {
    use orgmap::model::generate::{GenerateOptions, generate};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("large.ron");
    let roles = orgmap::app::BACKGROUND_LAYOUT_FROM + 500;
    format::save(&path, &generate(&GenerateOptions { roles, ..Default::default() })).unwrap();
    let mut harness = harness_for(OrgMapApp::open(Some(&path)));
    // The first frames are drawn before the layout exists: it is computed on another thread.
    harness.run_steps(2);
    assert!(harness.state().scene().is_none(), "the window did not wait for the layout");
    let started = std::time::Instant::now();
    while harness.state().scene().is_none() {
        assert!(started.elapsed().as_secs() < 120, "the layout never arrived");
        std::thread::sleep(std::time::Duration::from_millis(20));
        harness.run_steps(1);
    }
    assert!(harness.state().role_screen_pos(roles - 1).is_some(), "every role is placed");
}

/// The legend sits in the canvas's bottom-left corner, not out over the map (it was placed
/// the outline's width too far right, over the outer ring's roles).
#[test]
fn the_legend_sits_in_the_corner_of_the_canvas() {
    let (_dir, _path, mut harness) = app_on_copy("wellbeing_teams.ron");
    harness.run_steps(3);
    let canvas = harness.state().canvas_rect().unwrap();
    let legend = harness.get_by_label("▾ Legend").rect();
    assert!(canvas.contains_rect(legend.expand(-1.0)), "{legend:?} is inside {canvas:?}");
    assert!(legend.left() - canvas.left() < 30.0, "{legend:?} hugs the left of {canvas:?}");
}

/// Clicking the legend's title folds it away to a small tab in the corner (it may cover the
/// map on a small window), and clicking it again brings it back; the choice is kept.
#[test]
fn the_legend_folds_away_and_back() {
    let (_dir, _path, mut harness) = app_on_copy("wellbeing_teams.ron");
    harness.run_steps(3);
    assert!(harness.query_by_label("supports").is_some(), "the legend shows its rows");
    harness.get_by_label("▾ Legend").click();
    harness.run_steps(3);
    assert!(harness.query_by_label("supports").is_none(), "folded, only its title shows");
    assert!(harness.state().prefs.legend_folded, "kept for the next session");
    harness.get_by_label("▸ Legend").click();
    harness.run_steps(3);
    assert!(harness.query_by_label("supports").is_some());
    assert!(!harness.state().prefs.legend_folded);
}

#[test]
fn file_import_previews_the_table_and_opens_it_as_a_new_unsaved_map() {
    let (_dir, _path, mut harness) = app_on_copy("wellbeing_teams.ron");
    harness.state_mut().file_dialog_available = false;
    harness.get_by_label("File").click();
    harness.run_steps(2);
    harness.get_by_label_contains("Import org chart…").click();
    harness.run_steps(4);
    let table =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/care_workers.csv");
    type_path(&mut harness, "Path of the table (.csv, .tsv, .xlsx, .ods)", &table);
    harness.get_by_label("Preview").click();
    harness.run_steps(4);
    assert!(harness.state().importing());
    // Before anything is imported: the first rows, the columns chosen and the counts.
    harness.get_by_label("Import “care_workers.csv”");
    harness.get_by_label("Carer 3");
    harness.get_by_role_and_label(Role::ComboBox, "Manager column");
    harness.get_by_label(
        "14 rows read: 3 roles, 14 people holding them, 0 vacant, 2 lines of report, 1 at the top.",
    );
    assert_eq!(harness.state().doc.map.roles.len(), 18, "nothing imported yet");
    // A choice changes what would be made.
    harness.get_by_label("A role for every row").click();
    harness.run_steps(2);
    harness.get_by_label("14 rows read: 14 roles, 14 people holding them, 0 vacant, 13 lines of report, 1 at the top.");
    harness.get_by_label("Import").click();
    harness.run_steps(3);
    let state = harness.state();
    assert_eq!(state.doc.map.roles.len(), 14);
    assert!(state.doc.path.is_none() && state.doc.is_dirty(), "a new map, not saved anywhere");
    assert_eq!(state.doc.map.name, "care workers");
}

#[test]
fn importing_a_table_without_an_org_chart_says_why_and_imports_nothing() {
    let (dir, _path, mut harness) = app_on_copy("wellbeing_teams.ron");
    harness.state_mut().file_dialog_available = false;
    let table = dir.path().join("people.csv");
    std::fs::write(&table, "Nr,Who\n1,Ada\n").unwrap();
    let ctx = harness.ctx.clone();
    harness.state_mut().act(&ctx, orgmap::ui::menus::Action::Import);
    harness.run_steps(2);
    type_path(&mut harness, "Path of the table (.csv, .tsv, .xlsx, .ods)", &table);
    harness.get_by_label("Preview").click();
    harness.run_steps(4);
    assert!(harness.state().importing());
    harness.get_by_label_contains("no id or manager column found");
    harness.get_by_label("Cancel").click();
    harness.run_steps(2);
    assert_eq!(harness.state().doc.map.roles.len(), 18);
}

#[test]
fn a_workbook_opens_in_the_import_dialog_on_the_sheet_that_holds_the_chart() {
    let (_dir, _path, mut harness) = app_on_copy("wellbeing_teams.ron");
    harness.state_mut().file_dialog_available = false;
    let ctx = harness.ctx.clone();
    harness.state_mut().act(&ctx, orgmap::ui::menus::Action::Import);
    harness.run_steps(4);
    let book = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/chart.xlsx");
    type_path(&mut harness, "Path of the table (.csv, .tsv, .xlsx, .ods)", &book);
    harness.get_by_label("Preview").click();
    harness.run_steps(4);
    // The first sheet is "Notes"; the chart is on "Staff", under a title row.
    harness.get_by_role_and_label(Role::ComboBox, "Sheet");
    harness.get_by_label("Ada Okafor");
    harness.get_by_label(
        "4 rows read: 3 roles, 4 people holding them, 0 vacant, 2 lines of report, 1 at the top.",
    );
    harness.get_by_label("Import").click();
    harness.run_steps(3);
    assert_eq!(harness.state().doc.map.roles.len(), 3);
}
