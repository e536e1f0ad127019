//! Heap bytes held by a compiled default classifier, counted by a global
//! allocator wrapper: `cargo run --release --example memory`. Scoring
//! warms per-thread regex caches; the second figure includes them after
//! scoring the benchmark corpus on this thread.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, Ordering};

#[path = "../../../benches/corpus.rs"]
mod corpus;

struct Counting;

static LIVE: AtomicIsize = AtomicIsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size() as isize, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE.fetch_add(new_size as isize - layout.size() as isize, Ordering::Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn mib(bytes: isize) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

fn main() {
    let texts = corpus::Corpus::new(20261129).messages(20_000);
    let before = LIVE.load(Ordering::Relaxed);
    let classifier = msgrisk::Classifier::new();
    let built = LIVE.load(Ordering::Relaxed);
    let flagged = texts.iter().filter(|t| classifier.score(t).risk > 0.0).count();
    let warmed = LIVE.load(Ordering::Relaxed);
    println!("compiled default rules: {:.1} MiB on the heap", mib(built - before));
    println!("after scoring {} messages ({flagged} flagged): {:.1} MiB", texts.len(), mib(warmed - before));
}
