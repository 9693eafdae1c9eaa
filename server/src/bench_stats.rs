//! The one statistic the benchmarks print: a percentile of sorted samples.

/// The sample at `p` (0.0–1.0) of `sorted`, nearest rank; 0 when empty.
pub fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted.get(i).copied().unwrap_or(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_and_the_ends() {
        let ms: Vec<f64> = (1..=101).map(f64::from).collect();
        assert_eq!(percentile(&ms, 0.5), 51.0);
        assert_eq!(percentile(&ms, 0.95), 96.0);
        assert_eq!(percentile(&ms, 1.0), 101.0);
        assert_eq!(percentile(&ms, 0.0), 1.0);
        assert_eq!(percentile(&[], 0.5), 0.0);
    }
}
