//! `orgmap skills` and `orgmap fit`: the skills analysis for people (text) and scripts (JSON,
//! CSV). The JSON shapes are a public interface (README, tests/skills.rs).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde_json::{Value, json};

use super::{role_of, write_output};
use crate::analysis::skills::{self, Coverage, Fit, Needs};
use crate::format;
use crate::model::OrgMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SkillsFormat {
    Text,
    Csv,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FitFormat {
    Text,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct SkillsArgs {
    /// The map file.
    pub file: PathBuf,
    /// text for people; csv: the matrix of people by skills, for a spreadsheet; json for
    /// scripts.
    #[arg(long, value_enum, default_value_t = SkillsFormat::Text)]
    pub format: SkillsFormat,
    /// Where to write (standard output if left out).
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
#[group(required = true, multiple = false)]
pub struct FitTarget {
    /// Rank every role for this person (by id).
    #[arg(long, value_name = "PERSON_ID")]
    pub person: Option<String>,
    /// Rank every person for this role (by id): who could take it on.
    #[arg(long, value_name = "ROLE_ID")]
    pub role: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct FitArgs {
    /// The map file.
    pub file: PathBuf,
    #[command(flatten)]
    pub target: FitTarget,
    #[arg(long, value_enum, default_value_t = FitFormat::Text)]
    pub format: FitFormat,
    /// Where to write (standard output if left out).
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
}

pub fn run_skills(args: &SkillsArgs, out: &mut impl Write) -> anyhow::Result<ExitCode> {
    let map = format::load(&args.file)?;
    let coverage = skills::coverage(&map);
    let text = match args.format {
        SkillsFormat::Json => format!("{:#}\n", coverage_json(&map, &coverage)),
        SkillsFormat::Csv => crate::export::skills::matrix_csv(&map, &coverage)?,
        SkillsFormat::Text => coverage_text(&map, &coverage),
    };
    write_output(args.output.as_deref(), text.as_bytes(), out)?;
    Ok(ExitCode::SUCCESS)
}

pub fn run_fit(args: &FitArgs, out: &mut impl Write) -> anyhow::Result<ExitCode> {
    let map = format::load(&args.file)?;
    let needs = Needs::new(&map);
    let json = args.format == FitFormat::Json;
    let text = match (&args.target.person, &args.target.role) {
        (Some(id), _) => {
            let person = person_of(&map, &args.file, id)?;
            let fits = skills::fit_for_person(&map, &needs, person);
            let unlock = skills::unlocking_skill(&map, &needs, person);
            if json {
                let roles: Vec<Value> =
                    fits.iter().map(|f| fit_json(f, "role", &map.roles[f.role].id)).collect();
                format!("{:#}\n", json!({ "person": id, "roles": roles }))
            } else {
                let mut text = format!("Roles for {}, best fit first:\n", map.people[person].name);
                // A role that lists no skills fits anyone: counted, not listed.
                let (listed, open): (Vec<&Fit>, Vec<&Fit>) =
                    fits.iter().partition(|f| !map.roles[f.role].skills.is_empty());
                for fit in listed {
                    text.push_str(&fit_line(fit, &map.roles[fit.role].name));
                }
                if !open.is_empty() {
                    text.push_str(&format!("  and {} roles that list no skills\n", open.len()));
                }
                if let Some(u) = unlock {
                    let opens: Vec<&str> =
                        u.roles.iter().map(|&r| map.roles[r].name.as_str()).collect();
                    text.push_str(&format!(
                        "Next step: {} {} → {} opens {}\n",
                        u.skill,
                        u.from,
                        u.to,
                        opens.join(", ")
                    ));
                }
                text
            }
        }
        (None, Some(id)) => {
            let role = role_of(&map, &args.file, "--role", id)?;
            let fits = skills::fit_for_role(&map, &needs, role);
            if json {
                let people: Vec<Value> =
                    fits.iter().map(|f| fit_json(f, "person", &map.people[f.person].id)).collect();
                format!("{:#}\n", json!({ "role": id, "people": people }))
            } else {
                let mut text =
                    format!("Who could be the {}, best fit first:\n", map.roles[role].name);
                for fit in &fits {
                    text.push_str(&fit_line(fit, &map.people[fit.person].name));
                }
                text
            }
        }
        (None, None) => anyhow::bail!("give --person PERSON_ID or --role ROLE_ID"),
    };
    write_output(args.output.as_deref(), text.as_bytes(), out)?;
    Ok(ExitCode::SUCCESS)
}

/// The index of the person `id`, or an error that lists some ids.
fn person_of(map: &OrgMap, file: &Path, id: &str) -> anyhow::Result<usize> {
    map.people.iter().position(|p| p.id == id).ok_or_else(|| {
        anyhow::anyhow!(
            "--person {id}: {} has no person with that id\n    fix: use a person id from the \
             file, for example {}",
            file.display(),
            map.people.iter().take(5).map(|p| p.id.as_str()).collect::<Vec<_>>().join(", ")
        )
    })
}

fn fit_json(fit: &Fit, what: &str, id: &str) -> Value {
    let develop: Vec<Value> = fit
        .develop
        .iter()
        .map(|d| json!({ "skill": d.skill, "from": d.from, "to": d.to }))
        .collect();
    // Rounded: a ratio of small integers, to three places reads the same in any language.
    let share = (fit.fit * 1000.0).round() / 1000.0;
    json!({ what: id, "fit": share, "develop": develop })
}

fn fit_line(fit: &Fit, name: &str) -> String {
    let develop: Vec<String> =
        fit.develop.iter().map(|d| format!("{} {} → {}", d.skill, d.from, d.to)).collect();
    let develop = if develop.is_empty() {
        String::new()
    } else {
        format!(": develop {}", develop.join(", "))
    };
    format!("  {:>4.0}%  {name}{develop}\n", fit.fit * 100.0)
}

fn coverage_json(map: &OrgMap, coverage: &Coverage) -> Value {
    let skills: Vec<Value> = coverage
        .skills
        .iter()
        .map(|s| {
            let needed: Vec<Value> = s
                .needed
                .iter()
                .map(|&(r, level)| json!({ "role": map.roles[r].id, "level": level }))
                .collect();
            let people: Vec<Value> = s
                .people
                .iter()
                .map(|&(p, level)| json!({ "person": map.people[p].id, "level": level }))
                .collect();
            json!({ "name": s.name, "needed": needed, "people": people, "risk": s.risk.label() })
        })
        .collect();
    let gaps: Vec<Value> = coverage
        .gaps
        .iter()
        .map(|g| {
            json!({
                "role": map.roles[g.role].id,
                "person": map.people[g.person].id,
                "skill": g.skill,
                "has": g.has,
                "needs": g.needs,
            })
        })
        .collect();
    json!({ "skills": skills, "gaps": gaps })
}

fn coverage_text(map: &OrgMap, coverage: &Coverage) -> String {
    let mut text = String::new();
    if coverage.skills.is_empty() {
        return "No skills in this map yet: add them to roles (what they need) and to people \
                (what they have) in the inspector.\n"
            .into();
    }
    text.push_str("Skills (the level roles need; who has it, at what level):\n");
    for s in &coverage.skills {
        let people: Vec<String> =
            s.people.iter().map(|&(p, l)| format!("{} {l}", map.people[p].name)).collect();
        let who = if people.is_empty() { "nobody".to_string() } else { people.join(", ") };
        let badge = match s.risk {
            skills::Risk::Uncovered => "  UNCOVERED",
            skills::Risk::Single => "  single person",
            skills::Risk::Ok => "",
        };
        let roles = match s.needed.len() {
            0 => "no role needs it".to_string(),
            1 => format!("needs {} in 1 role", s.highest_need()),
            n => format!("needs up to {} in {n} roles", s.highest_need()),
        };
        text.push_str(&format!("  {} ({roles}): {who}{badge}\n", s.name));
    }
    if !coverage.gaps.is_empty() {
        text.push_str("Gaps (a holder below what the role needs):\n");
        for g in &coverage.gaps {
            text.push_str(&format!(
                "  {} as {}: {} {} of {}\n",
                map.people[g.person].name, map.roles[g.role].name, g.skill, g.has, g.needs
            ));
        }
    }
    for pair in skills::near_duplicates(coverage) {
        text.push_str(&format!("Perhaps one skill: “{}” and “{}”\n", pair.a, pair.b));
    }
    text
}
