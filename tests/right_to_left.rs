//! Right-to-left names in the window (issue 22): drawn in visual order with Arabic letters
//! joined, in the outline and the inspector as on the canvas, as wide as the layout measured.

mod common;

use eframe::egui::{self, FontId};
use egui_kittest::kittest::Queryable;
use orgmap::font::{measure, visual};

#[test]
fn panels_show_right_to_left_names_as_they_read_and_as_wide_as_measured() {
    let (_dir, _path, mut harness) = common::app_on_copy("wellbeing_teams.ron");
    let names = ["מנהל קהילה", "CEO / المدير"];
    for (id, name) in ["wellbeing-worker", "team-coach"].into_iter().zip(names) {
        let index = common::role_index(&harness, id);
        let mut role = harness.state().doc.map.roles[index].clone();
        role.name = name.into();
        let command = orgmap::edit::Command::set_role(index, role);
        harness.state_mut().doc.apply(command, "Rename", None).unwrap();
    }
    harness.run_steps(4);
    for name in names {
        let drawn = visual(name).into_owned();
        assert_ne!(drawn, name);
        assert!(harness.query_by_label(&drawn).is_some(), "the outline shows {drawn:?}");
        assert!(harness.query_by_label(name).is_none(), "nothing shows {name:?} unreordered");
        // egui draws the visual form as wide as the layout measured it.
        let size = 14.0;
        let galley = harness.ctx.fonts_mut(|f| {
            f.layout_no_wrap(drawn.clone(), FontId::proportional(size), egui::Color32::WHITE)
        });
        let measured = measure(name, size as f64) as f32;
        let width = galley.size().x;
        assert!((width - measured).abs() <= 0.02 * measured + 0.5, "{name}: {width} vs {measured}");
    }
    // The inspector's heading of a selected right-to-left role reads right to left.
    common::click_role(&mut harness, "wellbeing-worker");
    harness.run_steps(3);
    let heading = visual("מנהל קהילה").into_owned();
    assert!(harness.get_all_by_label(&heading).count() >= 2, "outline row and inspector heading");
    assert!(
        harness.query_by_label(&format!("Reads: {heading}")).is_some(),
        "the name field shows how the map draws it"
    );
}
