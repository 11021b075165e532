use std::collections::HashMap;

/// Stock kept in numbered bins of equal capacity; a delivery fills the fullest bin that still fits it.
struct WarehouseBins {
    capacity: i32,
    bins: Vec<HashMap<String, i32>>,
}

impl WarehouseBins {
    fn new(bin_count: i32, capacity: i32) -> WarehouseBins {
        if bin_count <= 0 || capacity <= 0 {
            panic!("bins and capacity must be positive");
        }
        WarehouseBins { capacity, bins: vec![HashMap::new(); bin_count as usize] }
    }

    fn used(&self, bin: i32) -> i32 {
        if bin < 0 || bin as usize >= self.bins.len() {
            panic!("no bin {}", bin);
        }
        self.bins[bin as usize].values().sum()
    }

    fn store(&mut self, sku: &str, quantity: i32) -> i32 {
        if quantity <= 0 {
            panic!("quantity must be positive");
        }
        let mut best: i32 = -1;
        for i in 0..self.bins.len() as i32 {
            if self.capacity - self.used(i) >= quantity && (best < 0 || self.used(i) > self.used(best)) {
                best = i;
            }
        }
        if best < 0 {
            panic!("no bin has room for {} of {}", quantity, sku);
        }
        *self.bins[best as usize].entry(sku.to_string()).or_insert(0) += quantity;
        best
    }

    fn pick(&mut self, sku: &str, quantity: i32) -> i32 {
        let mut picked = 0;
        for bin in self.bins.iter_mut() {
            let have = match bin.get(sku) {
                Some(&have) if picked != quantity => have,
                _ => continue,
            };
            let take = have.min(quantity - picked);
            if take == have {
                bin.remove(sku);
            } else {
                bin.insert(sku.to_string(), have - take);
            }
            picked += take;
        }
        picked
    }

    fn stock_of(&self, sku: &str) -> i32 {
        self.bins.iter().map(|bin| bin.get(sku).copied().unwrap_or(0)).sum()
    }

    fn contents(&self, bin: i32) -> Vec<String> {
        if bin < 0 || bin as usize >= self.bins.len() {
            panic!("no bin {}", bin);
        }
        let mut skus: Vec<(&String, &i32)> = self.bins[bin as usize].iter().collect();
        skus.sort();
        skus.iter().map(|(sku, q)| format!("{} x{}", sku, q)).collect()
    }

    fn free_space(&self) -> i32 {
        (0..self.bins.len() as i32).map(|i| self.capacity - self.used(i)).sum()
    }
}
