use std::collections::HashSet;

fn normalize(code: &str) -> String {
    code.chars().filter(|&c| c != ' ').map(|c| c.to_ascii_uppercase()).collect()
}

/// Order totals in cents: volume tiers, one use per coupon, no discount under a floor.
struct DiscountEngine {
    coupons: HashSet<String>,
    redeemed: HashSet<String>,
    minimum_cents: i64,
    discount_given: i64,
}

impl DiscountEngine {
    fn new(minimum_cents: i64) -> DiscountEngine {
        DiscountEngine { coupons: HashSet::new(), redeemed: HashSet::new(), minimum_cents, discount_given: 0 }
    }

    fn add_coupon(&mut self, code: &str) {
        let c = normalize(code);
        if c.len() < 3 {
            panic!("coupon code too short");
        }
        self.coupons.insert(c);
    }

    fn tier_percent(&self, items: i32) -> i32 {
        match items {
            i if i >= 50 => 15,
            i if i >= 20 => 10,
            i if i >= 10 => 5,
            _ => 0,
        }
    }

    fn total(&mut self, unit_cents: i64, items: i32) -> i64 {
        if unit_cents < 0 || items < 0 {
            panic!("negative price or quantity");
        }
        let gross = unit_cents * items as i64;
        if gross < self.minimum_cents {
            return gross;
        }
        let discount = gross * self.tier_percent(items) as i64 / 100;
        self.discount_given += discount;
        gross - discount
    }

    fn total_with_coupon(&mut self, unit_cents: i64, items: i32, code: &str) -> i64 {
        let c = normalize(code);
        if !self.coupons.contains(&c) || self.redeemed.contains(&c) {
            panic!("invalid coupon {}", code);
        }
        let net = self.total(unit_cents, items);
        let off = net.min(500);
        self.redeemed.insert(c);
        self.discount_given += off;
        net - off
    }

    fn is_redeemed(&self, code: &str) -> bool {
        self.redeemed.contains(&normalize(code))
    }

    fn discount_total(&self) -> i64 {
        self.discount_given
    }

    fn coupons_left(&self) -> i32 {
        (self.coupons.len() - self.redeemed.len()) as i32
    }
}
