/// Covered ranges of a number line, kept merged and sorted: [1,3) + [3,5) is [1,5).
struct IntervalSet {
    ranges: Vec<(i32, i32)>,
}

impl IntervalSet {
    fn new() -> IntervalSet {
        IntervalSet { ranges: Vec::new() }
    }

    fn add(&mut self, start: i32, end: i32) {
        if start >= end {
            panic!("empty range");
        }
        let mut merged = Vec::new();
        let (mut s, mut e) = (start, end);
        let mut placed = false;
        for &r in &self.ranges {
            if r.1 < s {
                merged.push(r);
            } else if e < r.0 {
                if !placed {
                    merged.push((s, e));
                    placed = true;
                }
                merged.push(r);
            } else {
                s = s.min(r.0);
                e = e.max(r.1);
            }
        }
        if !placed {
            merged.push((s, e));
        }
        self.ranges = merged;
    }

    fn remove(&mut self, start: i32, end: i32) {
        let mut kept = Vec::new();
        for &r in &self.ranges {
            if r.1 <= start || end <= r.0 {
                kept.push(r);
                continue;
            }
            if r.0 < start {
                kept.push((r.0, start));
            }
            if end < r.1 {
                kept.push((end, r.1));
            }
        }
        self.ranges = kept;
    }

    fn contains(&self, point: i32) -> bool {
        self.ranges.iter().any(|&(s, e)| s <= point && point < e)
    }

    fn covered_length(&self) -> i32 {
        self.ranges.iter().map(|&(s, e)| e - s).sum()
    }

    fn count(&self) -> i32 {
        self.ranges.len() as i32
    }

    fn describe(&self) -> String {
        if self.ranges.is_empty() {
            return "(empty)".to_string();
        }
        self.ranges.iter().map(|&(s, e)| format!("[{}, {})", s, e)).collect::<Vec<_>>().join(", ")
    }
}
