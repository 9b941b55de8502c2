//! Rendering time of a realistic six-item aftercare sheet on A4 (target: 20 ms or less).

use criterion::{Criterion, criterion_group, criterion_main};
use palma::documents::{Paper, PrintOptions, aftercare};

#[path = "../tests/documents/fixture.rs"]
#[allow(dead_code)]
mod fixture;

fn render_six_items(c: &mut Criterion) {
    let sheet = fixture::sheet();
    let options = PrintOptions {
        paper: Paper::A4,
        large_print: false,
    };
    c.bench_function("aftercare six items A4", |b| {
        b.iter(|| aftercare::render(std::hint::black_box(&sheet), &options).unwrap());
    });
}

criterion_group!(benches, render_six_items);
criterion_main!(benches);
