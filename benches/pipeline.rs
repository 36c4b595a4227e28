//! Benchmarks of each stage of the pipeline (load, validate, render as Markdown and HTML, diff) on every
//! example and on synthetic charters of growing size. `benches/README.md` says how to run them and what
//! they measured.
//!
//! The synthetic sizes grow tenfold from one to the next (10, 100 and 1,000 partners, with ten obligations
//! per partner), so the ratio of two neighbouring times shows whether a stage grows linearly: 10× the
//! work should cost at most 11× the time. `CHARTER_BENCH_SIZES=100,1000` chooses other sizes.

#![allow(missing_docs, clippy::print_stderr)]

#[path = "../examples/synth/generator.rs"]
mod generator;

use std::hint::black_box;
use std::time::Duration;

use charter::diff::{self, Format, Options, Side};
use charter::load;
use charter::model::Charter;
use charter::render;
use charter::source::Source;
use charter::validate::{self, Valid};
use criterion::{BatchSize, BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

/// One input: its name in the report and its source.
struct Input {
    name: String,
    source: Source,
}

fn examples() -> Vec<Input> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/charters");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("charters/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| Input {
            name: path
                .file_stem()
                .expect("stem")
                .to_string_lossy()
                .into_owned(),
            source: Source::new(
                path.display().to_string(),
                std::fs::read(&path).expect("example"),
            ),
        })
        .collect()
}

fn sizes() -> Vec<usize> {
    std::env::var("CHARTER_BENCH_SIZES")
        .ok()
        .map(|s| {
            s.split(',')
                .map(|n| n.trim().parse().expect("CHARTER_BENCH_SIZES: numbers"))
                .collect()
        })
        .unwrap_or_else(|| vec![10, 100, 1000])
}

fn synthetic(partners: usize, version: u32) -> Input {
    let spec = generator::Spec {
        partners,
        obligations: 10 * partners,
        seed: 1,
        version,
    };
    Input {
        name: format!("synth-{partners}"),
        source: Source::new(
            format!("synth-{partners}-v{version}.toml"),
            generator::charter(&spec).into_bytes(),
        ),
    }
}

fn valid(source: &Source) -> Valid<Charter> {
    let (valid, diagnostics) = charter::pipeline::check(source);
    valid.unwrap_or_else(|| panic!("{} is not valid: {diagnostics:?}", source.name))
}

/// Few samples and short runs, so that the whole suite takes minutes, not hours: the large inputs take
/// a good part of a second each.
fn config() -> Criterion {
    Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
}

fn stages(c: &mut Criterion) {
    let mut inputs = examples();
    inputs.extend(sizes().into_iter().map(|n| synthetic(n, 1)));
    for input in &inputs {
        let source = &input.source;
        let bytes = source.bytes.len() as u64;
        let valid = valid(source);

        let mut group = c.benchmark_group("load");
        group.throughput(Throughput::Bytes(bytes));
        group.bench_function(BenchmarkId::from_parameter(&input.name), |b| {
            b.iter(|| black_box(load::parse(black_box(source)).is_ok()));
        });
        group.finish();

        let (charter, spans) = load::parse(source).expect("loads");
        let mut group = c.benchmark_group("validate");
        group.throughput(Throughput::Bytes(bytes));
        group.bench_function(BenchmarkId::from_parameter(&input.name), |b| {
            b.iter_batched(
                || charter.clone(),
                |charter| black_box(validate::validate(charter, &spans)),
                BatchSize::LargeInput,
            );
        });
        group.finish();

        let mut group = c.benchmark_group("check");
        group.throughput(Throughput::Bytes(bytes));
        group.bench_function(BenchmarkId::from_parameter(&input.name), |b| {
            b.iter(|| black_box(charter::pipeline::check(black_box(source))));
        });
        group.finish();

        for (stage, html) in [("render-md", false), ("render-html", true)] {
            let mut group = c.benchmark_group(stage);
            group.throughput(Throughput::Bytes(bytes));
            group.bench_function(BenchmarkId::from_parameter(&input.name), |b| {
                b.iter(|| {
                    let out = if html {
                        render::html(&valid, source)
                    } else {
                        render::markdown(&valid, source)
                    };
                    black_box(out.expect("renders").len())
                });
            });
            group.finish();
        }
    }
}

/// Every example with its version changed: a one-term amendment.
fn amended(input: &Input) -> Source {
    let text = &input.source.text;
    let at = text
        .find("\nversion = \"")
        .expect("every example states its version")
        + 1;
    let end = at + text[at..].find('\n').expect("a line");
    let amended = format!("{}version = \"9.9\"{}", &text[..at], &text[end..]);
    Source::new(
        format!("{}-amended", input.source.name),
        amended.into_bytes(),
    )
}

/// `diff` of a charter against a later version of itself, for every example (one term changed) and
/// every synthetic size (a few terms changed, a data flow moved, an obligation added): term by term (the text format) and as a
/// redline of the rendered text (the HTML format). The rendering of both sides is measured by the render
/// stages, not here.
fn diffs(c: &mut Criterion) {
    let mut pairs: Vec<(Input, Source)> = examples()
        .into_iter()
        .map(|input| {
            let new = amended(&input);
            (input, new)
        })
        .collect();
    pairs.extend(
        sizes()
            .into_iter()
            .map(|n| (synthetic(n, 1), synthetic(n, 2).source)),
    );
    for (old, new) in &pairs {
        let (old_valid, new_valid) = (valid(&old.source), valid(new));
        fn side<'a>(source: &Source, valid: &'a Valid<Charter>) -> Side<'a> {
            let fingerprint = render::fingerprint(&source.bytes);
            let document = render::document::build(valid, fingerprint.clone());
            let clauses = document.clauses.clone();
            Side::of_charter("", valid, fingerprint, clauses, Some(&document))
        }
        let (old_side, new_side) = (side(&old.source, &old_valid), side(new, &new_valid));
        let mut group = c.benchmark_group("diff");
        group.throughput(Throughput::Bytes(old.source.bytes.len() as u64));
        for (format, name) in [(Format::Text, "terms"), (Format::Html, "redline")] {
            let options = Options {
                format,
                rendered: false,
                color: false,
                mark_renumbered: false,
                changed_only: false,
            };
            let outcome = diff::diff(&old_side, &new_side, options);
            assert!(outcome.different, "{}: the versions differ", old.name);
            group.bench_function(BenchmarkId::new(name, &old.name), |b| {
                b.iter(|| black_box(diff::diff(&old_side, &new_side, options).different));
            });
        }
        group.finish();
    }
}

criterion_group! {
    name = benches;
    config = config();
    targets = stages, diffs
}
criterion_main!(benches);
