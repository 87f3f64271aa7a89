use super::*;
use crate::election::VoteType;

const HEAD: &str = "META\nkey;value\ndescription;test\nvote_type;approval\nbudget;100\n";

fn err(text: &str) -> ReadError {
    match read_str(text) {
        Ok(_) => panic!("accepted:\n{text}"),
        Err(e) => e,
    }
}

#[test]
fn reads_bom_quotes_crlf_and_comma_decimals() {
    let text = "\u{feff}META\r\nkey;value\r\ndescription;\"a; b\"\r\nvote_type;approval\r\nbudget;100,5\r\n\
                PROJECTS\r\nproject_id;cost;name\r\n1;10,25;\"x \"\"y\"\"\"\r\n2;20;z\r\n\
                VOTES\r\nvoter_id;vote\r\nv1;1,2\r\nv2;2\r\nv3;\r\n";
    let e = read_str(text).unwrap();
    assert_eq!(e.meta("description"), Some("a; b"));
    assert_eq!(e.money_scale, 2);
    assert_eq!(e.budget, 10050);
    assert_eq!(e.projects[0].cost, 1025);
    assert_eq!(e.projects[1].cost, 2000);
    assert_eq!(e.project_field(0, "name"), Some("x \"y\""));
    assert_eq!(e.num_voters(), 3);
    assert_eq!(e.ballot(0).projects, &[0, 1]);
    assert!(e.ballot(2).projects.is_empty());
}

#[test]
fn duplicates_follow_pabutools() {
    let approval =
        format!("{HEAD}PROJECTS\nproject_id;cost\na;1\nb;2\nVOTES\nvoter_id;vote\n1;a,b,a\n");
    assert_eq!(read_str(&approval).unwrap().ballot(0).projects, &[0, 1]);
    let ordinal = approval
        .replace("vote_type;approval", "vote_type;ordinal")
        .replace("a,b,a", "b,a,b");
    assert_eq!(read_str(&ordinal).unwrap().ballot(0).projects, &[1, 0]);
    let cumulative =
        "META\nkey;value\nvote_type;cumulative\nbudget;10\nPROJECTS\nproject_id;cost\na;1\nb;2\n\
         VOTES\nvoter_id;vote;points\n1;a,b,a;1,2,3\n";
    let e = read_str(cumulative).unwrap();
    assert_eq!(e.vote_type(), VoteType::Cumulative);
    let b = e.ballot(0);
    assert_eq!(b.projects, &[0, 1]);
    assert_eq!(b.points, Some(&[3u64, 2][..]));
}

#[test]
fn bad_input_is_refused_with_its_line() {
    let projects = "PROJECTS\nproject_id;cost\n1;10\n2;20\n";
    let votes = "VOTES\nvoter_id;vote\nv;1\n";
    let neg_budget = format!(
        "{}{projects}{votes}",
        HEAD.replace("budget;100", "budget;-5")
    );
    assert!(matches!(
        err(&neg_budget),
        ReadError::Negative { line: 5, .. }
    ));
    let neg_cost = format!("{HEAD}PROJECTS\nproject_id;cost\n1;-10\n{votes}");
    assert!(matches!(
        err(&neg_cost),
        ReadError::Negative { line: 8, .. }
    ));
    let nan_cost = format!("{HEAD}PROJECTS\nproject_id;cost\n1;ten\n{votes}");
    let e = err(&nan_cost);
    assert!(matches!(e, ReadError::NotANumber { line: 8, .. }), "{e}");
    assert_eq!(e.to_string(), "line 8: cost `ten` is not a number");
    let dup = format!("{HEAD}PROJECTS\nproject_id;cost\n1;10\n1;20\n{votes}");
    assert!(matches!(
        err(&dup),
        ReadError::DuplicateProject {
            line: 9,
            first: 8,
            ..
        }
    ));
    let unknown = format!("{HEAD}{projects}VOTES\nvoter_id;vote\nv;1,3\n");
    let e = err(&unknown);
    assert!(
        matches!(e, ReadError::UnknownProject { line: 12, .. }),
        "{e}"
    );
    let spaced = format!("{HEAD}{projects}VOTES\nvoter_id;vote\nv;1, 2\n");
    assert!(matches!(err(&spaced), ReadError::UnknownProject { .. }));
    let points = format!("{HEAD}{projects}VOTES\nvoter_id;vote;points\nv;1,2;3,4\n");
    assert!(matches!(
        err(&points),
        ReadError::PointsOnApproval { line: 12, .. }
    ));
    assert!(matches!(
        err(&format!("{HEAD}{projects}")),
        ReadError::MissingSection { section: "VOTES" }
    ));
    assert!(matches!(
        err(HEAD),
        ReadError::MissingSection {
            section: "PROJECTS"
        }
    ));
    assert!(matches!(
        err(""),
        ReadError::MissingSection { section: "META" }
    ));
    assert!(matches!(
        err(&format!("{projects}{votes}")),
        ReadError::SectionOrder { line: 1, .. }
    ));
    assert!(matches!(
        err("hello\n"),
        ReadError::OutsideSection { line: 1 }
    ));
    let no_type = format!("META\nkey;value\nbudget;1\n{projects}{votes}");
    assert!(matches!(
        err(&no_type),
        ReadError::MissingMeta { key: "vote_type" }
    ));
    let bad_type = format!("{}{projects}{votes}", HEAD.replace("approval", "borda"));
    assert!(matches!(err(&bad_type), ReadError::UnknownVoteType { .. }));
    let cumulative =
        "META\nkey;value\nvote_type;cumulative\nbudget;10\nPROJECTS\nproject_id;cost\na;1\n\
                      VOTES\nvoter_id;vote;points\n1;a;1,2\n";
    assert!(matches!(
        err(cumulative),
        ReadError::PointsMismatch { line: 10, .. }
    ));
    let choose = format!(
        "{}{projects}VOTES\nvoter_id;vote\nv;1,2\n",
        HEAD.replace("approval", "choose-1")
    );
    assert!(matches!(err(&choose), ReadError::NotChooseOne { .. }));
}

#[test]
fn write_then_read_gives_the_same_election() {
    let text = "META\nkey;value\ndescription;\"semi;colon\"\nvote_type;cumulative\nbudget;1000,5\n\
                PROJECTS\nproject_id;cost;name;selected\np1;10.25;\"Park; ☘\";1\np2;20;Road;0\n\
                VOTES\nvoter_id;vote;points;age\n1;p1,p2;2,1;33\n2;p2;3;\n3;;;40\n";
    let e = read_str(text).unwrap();
    let again = read_str(&write_string(&e)).unwrap();
    assert_eq!(e, again);
}

mod never_panics {
    use super::super::read_str;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn on_any_text(s in "(META|PROJECTS|VOTES|key;value|vote_type;(approval|cumulative|ordinal)|budget;[-0-9,.]{0,4}|project_id;cost|voter_id;vote(;points)?|[a-c0-9;,\"\\- ]{0,12}|\r?\n){0,40}") {
            let _ = read_str(&s);
        }

        #[test]
        fn on_any_bytes(s in any::<String>()) {
            let _ = read_str(&s);
        }
    }
}

#[test]
fn file_and_text_readers_agree() {
    let text = "\u{feff}META\r\nkey;value\rvote_type;approval\nbudget;100\r\nPROJECTS\nproject_id;cost\n1;10\n\
                VOTES\nvoter_id;vote\nv;1\r";
    let dir = std::env::temp_dir().join(format!("tally-read-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("mixed.pb");
    std::fs::write(&path, text).unwrap();
    assert_eq!(read_file(&path).unwrap(), read_str(text).unwrap());
    let mut bad = text.as_bytes().to_vec();
    bad.extend_from_slice(b"\nw;\xff\n");
    std::fs::write(&path, &bad).unwrap();
    assert!(matches!(
        read_file(&path),
        Err(ReadError::NotUtf8 { line: 11 })
    ));
    let _ = std::fs::remove_dir_all(&dir);
}
