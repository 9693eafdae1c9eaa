//! The process's allocator: mimalloc, except for very large blocks.
//!
//! The embedded store takes its write buffer (the memtable arena: 1 GiB on
//! a machine with 16–64 GB of memory) as one zeroed allocation at every
//! open. mimalloc writes those zeros itself, touching every page, so the
//! server held the whole buffer resident from the start and opening a fresh
//! store cost up to seconds of page clearing. The system allocator maps a
//! block that large straight from the kernel, whose pages read as zero until
//! first written, so only what the store really fills becomes resident.
//! Everything smaller (nearly every allocation) stays with mimalloc, which
//! made the sync push markedly faster (docs/BENCHMARKS.md).

use mimalloc::MiMalloc;
use std::alloc::{GlobalAlloc, Layout, System};

/// From this size on a block comes from the system allocator. The store's
/// buffers are hundreds of MiB; nothing on a request's path is this large.
pub const LARGE: usize = 64 << 20;

pub struct Allocator;

fn large(size: usize) -> bool {
    size >= LARGE
}

// SAFETY: every block is freed (and resized) by the allocator that made it:
// the choice depends only on the size, which `GlobalAlloc` hands back
// unchanged with every `dealloc` and `realloc`.
unsafe impl GlobalAlloc for Allocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        unsafe {
            if large(layout.size()) {
                System.alloc(layout)
            } else {
                MiMalloc.alloc(layout)
            }
        }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        unsafe {
            if large(layout.size()) {
                System.alloc_zeroed(layout)
            } else {
                MiMalloc.alloc_zeroed(layout)
            }
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe {
            if large(layout.size()) {
                System.dealloc(ptr, layout)
            } else {
                MiMalloc.dealloc(ptr, layout)
            }
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        unsafe {
            match (large(layout.size()), large(new_size)) {
                (false, false) => MiMalloc.realloc(ptr, layout, new_size),
                (true, true) => System.realloc(ptr, layout, new_size),
                // Crossing the line: move the block to the other allocator.
                _ => {
                    let new = Layout::from_size_align_unchecked(new_size, layout.align());
                    let moved = self.alloc(new);
                    if !moved.is_null() {
                        std::ptr::copy_nonoverlapping(ptr, moved, layout.size().min(new_size));
                        self.dealloc(ptr, layout);
                    }
                    moved
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Blocks made, grown across the line both ways, and freed keep their
    /// bytes (each allocator frees only its own, or this would crash).
    #[test]
    fn blocks_keep_their_bytes_across_the_line() {
        let a = Allocator;
        unsafe {
            let small = Layout::from_size_align(LARGE - 8, 16).unwrap();
            let p = a.alloc(small);
            assert!(!p.is_null());
            p.write_bytes(7, 4096);
            let q = a.realloc(p, small, LARGE + 4096);
            assert!(!q.is_null());
            assert!((0..4096).all(|i| *q.add(i) == 7));
            let grown = Layout::from_size_align(LARGE + 4096, 16).unwrap();
            let r = a.realloc(q, grown, 1024);
            assert!((0..1024).all(|i| *r.add(i) == 7));
            a.dealloc(r, Layout::from_size_align(1024, 16).unwrap());

            let zeroed = Layout::from_size_align(LARGE * 2, 1).unwrap();
            let z = a.alloc_zeroed(zeroed);
            assert!(!z.is_null());
            assert!([0, LARGE, LARGE * 2 - 1].iter().all(|&i| *z.add(i) == 0));
            a.dealloc(z, zeroed);
        }
    }
}
