//! The side panel's Health tab: the org health check's findings (warnings first, each a click
//! that selects and reveals what it names), and the duplicated duties as clusters with the
//! roles that say them and who holds those roles.
//!
//! Duplicated duties take longest to work out (about half a second for 30,000 duties): on
//! large maps they are worked out on another thread while the rest of the check shows.

use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use eframe::egui::{self, RichText};

use super::selection::Selection;
use crate::analysis::health::{self, Finding, Severity, Target};
use crate::analysis::overlap::{self, Overlap};
use crate::font::visual;
use crate::model::OrgMap;

/// Most findings listed at once.
const SHOWN: usize = 300;

/// Most duplicated duties listed at once (the largest first).
const SHOWN_CLUSTERS: usize = 100;

/// Maps with more duties and outcomes than this have them compared on another thread.
const IN_FRAME_LINES: usize = 2_000;

/// The duplicated duties of one map generation: worked out, or being worked out.
#[derive(Debug, Default)]
pub struct OverlapJob {
    done: Option<(u64, Arc<Overlap>)>,
    running: Option<(u64, Receiver<Overlap>)>,
}

impl OverlapJob {
    /// The duplicated duties of `map` at `generation`: at once on small maps, else `None`
    /// until the thread started for it is done (the last generation's meanwhile, if any, is
    /// not shown: it would name duties that may have changed).
    pub fn get(
        &mut self,
        ctx: &egui::Context,
        map: &OrgMap,
        generation: u64,
    ) -> Option<Arc<Overlap>> {
        if let Some((g, found)) = &self.done
            && *g == generation
        {
            return Some(Arc::clone(found));
        }
        // One thread at a time: while someone types, each keystroke is a new generation, and
        // the one that started first finishes before the next starts.
        if let Some((g, receiver)) = &self.running {
            match receiver.try_recv() {
                Ok(found) if *g == generation => {
                    self.running = None;
                    let found = Arc::new(found);
                    self.done = Some((generation, Arc::clone(&found)));
                    return Some(found);
                }
                Err(TryRecvError::Empty) => return None,
                Ok(_) | Err(TryRecvError::Disconnected) => self.running = None,
            }
        }
        let lines: usize = map
            .roles
            .iter()
            .map(|r| {
                r.outcomes.len() + r.responsibilities.iter().map(|a| a.duties.len()).sum::<usize>()
            })
            .sum();
        if lines <= IN_FRAME_LINES {
            let found = Arc::new(overlap::overlap(map, overlap::DEFAULT_MIN_SCORE));
            self.done = Some((generation, Arc::clone(&found)));
            return Some(found);
        }
        let (sender, receiver) = channel();
        let map = map.clone();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            // The receiver may be gone (the map changed again): then nobody needs this.
            let _ = sender.send(overlap::overlap(&map, overlap::DEFAULT_MIN_SCORE));
            ctx.request_repaint();
        });
        self.running = Some((generation, receiver));
        None
    }
}

/// The tab's state.
#[derive(Debug, Default)]
pub struct HealthState {
    pub overlap: OverlapJob,
    /// The findings of one generation, and whether they include the duplicated duties.
    findings: Option<(u64, bool, Vec<Finding>)>,
    /// Show the duplicated duties instead of the findings.
    pub duplicates: bool,
    /// Show notes as well as warnings.
    pub notes: bool,
}

impl HealthState {
    fn findings(&mut self, map: &OrgMap, generation: u64, found: Option<&Overlap>) -> &[Finding] {
        let fresh =
            |(g, with, _): &(u64, bool, Vec<Finding>)| *g == generation && *with == found.is_some();
        if !self.findings.as_ref().is_some_and(fresh) {
            let list = health::health(map, health::DEFAULT_MAX_ROLES, found);
            self.findings = Some((generation, found.is_some(), list));
        }
        self.findings.as_ref().map_or(&[], |(_, _, list)| list)
    }
}

/// What a click on a finding does: select what it names (a skill: choose it on the Skills
/// tab).
#[derive(Debug, Clone, PartialEq)]
pub enum HealthClick {
    Select(Selection),
    Skill(String),
    /// Keep a duplicated duty in one role: take these lines out of the others.
    Remove(Vec<crate::analysis::overlap::Line>),
}

fn selection_of(target: &Target) -> HealthClick {
    match target {
        Target::Map => HealthClick::Select(Selection::Nothing),
        Target::Role(r) => HealthClick::Select(Selection::role(*r)),
        Target::Person(p) => HealthClick::Select(Selection::Person(*p)),
        Target::Link(l) => HealthClick::Select(Selection::Link(*l)),
        Target::Team(t) => HealthClick::Select(Selection::Team(*t)),
        Target::Ring(k) => HealthClick::Select(Selection::Ring(*k)),
        Target::Skill(key) => HealthClick::Skill(key.clone()),
    }
}

pub fn health_tab_ui(
    ui: &mut egui::Ui,
    map: &OrgMap,
    generation: u64,
    state: &mut HealthState,
    needle: &str,
) -> Option<HealthClick> {
    let found = state.overlap.get(ui.ctx(), map, generation);
    ui.horizontal_wrapped(|ui| {
        ui.selectable_value(&mut state.duplicates, false, "Findings");
        ui.selectable_value(&mut state.duplicates, true, "Duplicated duties");
        if !state.duplicates {
            ui.separator();
            ui.checkbox(&mut state.notes, "Notes too")
                .on_hover_text("Warnings are what to fix; notes are worth a look");
        }
    });
    if state.duplicates {
        return match &found {
            Some(found) => duplicates_ui(ui, map, found, needle),
            None => {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.weak("Comparing every duty with every other…");
                });
                None
            }
        };
    }
    let show_notes = state.notes;
    let findings = state.findings(map, generation, found.as_deref());
    findings_ui(ui, findings, show_notes, found.is_none(), needle)
}

fn findings_ui(
    ui: &mut egui::Ui,
    findings: &[Finding],
    show_notes: bool,
    comparing: bool,
    needle: &str,
) -> Option<HealthClick> {
    let warnings = findings.iter().filter(|f| f.severity == Severity::Warning).count();
    let notes = findings.len() - warnings;
    ui.label(match (warnings, notes) {
        (0, 0) => "Healthy: nothing to report.".to_string(),
        (w, n) => format!(
            "{w} {}, {n} {}",
            if w == 1 { "warning" } else { "warnings" },
            if n == 1 { "note" } else { "notes" }
        ),
    });
    if comparing {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.weak("Looking for duplicated duties…");
        });
    }
    let mut click = None;
    let mut shown: Vec<&Finding> = findings
        .iter()
        .filter(|f| show_notes || f.severity == Severity::Warning)
        .filter(|f| needle.is_empty() || f.message.to_lowercase().contains(needle))
        .collect();
    // Rows of wrapped text cost a frame each: a map of 10,000 roles can have 20,000 findings.
    if shown.len() > SHOWN {
        ui.weak(format!("The first {SHOWN} of {}: type in Find to narrow them", shown.len()));
        shown.truncate(SHOWN);
    }
    egui::ScrollArea::vertical().id_salt("health").auto_shrink([false, false]).show(ui, |ui| {
        ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Wrap);
        for f in shown {
            let (badge, color) = match f.severity {
                Severity::Warning => ("warning", egui::Color32::from_rgb(0xb3, 0x3a, 0x1a)),
                Severity::Note => ("note", ui.visuals().weak_text_color()),
            };
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(badge).small().color(color));
                let response = ui.link(visual(&f.message)).on_hover_text(format!("fix: {}", f.fix));
                if response.clicked() {
                    click = Some(selection_of(&f.target));
                }
            });
        }
    });
    click
}

/// Each cluster: its roles with their line and holders, each role a click.
fn duplicates_ui(
    ui: &mut egui::Ui,
    map: &OrgMap,
    found: &Overlap,
    needle: &str,
) -> Option<HealthClick> {
    if found.clusters.is_empty() {
        ui.weak(format!(
            "No duty or outcome of one role is said again by another ({} read).",
            found.lines.len()
        ));
        return None;
    }
    ui.label(match found.clusters.len() {
        1 => "1 duty said by more than one role".to_string(),
        n if n > SHOWN_CLUSTERS => {
            format!("{n} duties said by more than one role; the {SHOWN_CLUSTERS} said most:")
        }
        n => format!("{n} duties said by more than one role"),
    });
    let index = map.index();
    let mut click = None;
    egui::ScrollArea::vertical().id_salt("duplicates").auto_shrink([false, false]).show(ui, |ui| {
        ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Wrap);
        let matching = found.clusters.iter().enumerate().filter(|(_, cluster)| {
            needle.is_empty()
                || cluster.iter().any(|&i| found.lines[i].text.to_lowercase().contains(needle))
        });
        for (c, cluster) in matching.take(SHOWN_CLUSTERS) {
            let first = &found.lines[cluster[0]];
            ui.separator();
            ui.label(RichText::new(visual(&first.text)).strong());
            ui.push_id(("cluster", c), |ui| {
                for &i in cluster {
                    let line = &found.lines[i];
                    let role = &map.roles[line.role];
                    let holders = index.holder_names(map, role);
                    ui.horizontal_wrapped(|ui| {
                        if ui.link(visual(&role.name)).clicked() {
                            click = Some(HealthClick::Select(Selection::role(line.role)));
                        }
                        let hint = "Take this duty out of the other roles (one undo step)";
                        if ui.small_button("Keep only here").on_hover_text(hint).clicked() {
                            let others = cluster.iter().map(|&j| found.lines[j].clone());
                            let others = others.filter(|other| other.role != line.role);
                            click = Some(HealthClick::Remove(others.collect()));
                        }
                        if !holders.is_empty() {
                            ui.weak(format!("({})", holders.join(", ")));
                        }
                        if line.text != first.text {
                            ui.weak(format!("“{}”", visual(&line.text)));
                        }
                    });
                }
            });
        }
    });
    click
}
