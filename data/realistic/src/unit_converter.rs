use std::collections::HashMap;

fn unit_key(unit: &str) -> String {
    unit.chars().filter(|&c| c != ' ').map(|c| c.to_ascii_lowercase()).collect()
}

/// Converts lengths between registered units (factors in millimetres); unknown units are an error.
struct UnitConverter {
    to_millimetres: HashMap<String, f64>,
    conversions: i32,
}

impl UnitConverter {
    fn new() -> UnitConverter {
        let units = [("mm", 1.0), ("cm", 10.0), ("m", 1000.0), ("km", 1000000.0), ("in", 25.4), ("ft", 304.8)];
        UnitConverter { to_millimetres: units.iter().map(|&(u, f)| (u.to_string(), f)).collect(), conversions: 0 }
    }

    fn factor(&self, unit: &str) -> f64 {
        match self.to_millimetres.get(&unit_key(unit)) {
            Some(&f) => f,
            None => panic!("unknown unit {}", unit),
        }
    }

    fn define(&mut self, unit: &str, millimetres: f64) {
        let key = unit_key(unit);
        if key.is_empty() || millimetres <= 0.0 {
            panic!("bad unit definition");
        }
        if self.to_millimetres.contains_key(&key) {
            panic!("unit {} exists", key);
        }
        self.to_millimetres.insert(key, millimetres);
    }

    fn convert(&mut self, value: f64, from: &str, to: &str) -> f64 {
        let f = self.factor(from) / self.factor(to);
        self.conversions += 1;
        value * f
    }

    /// Rounded to whole hundredths, half away from zero, then written with two decimals.
    fn format(&mut self, value: f64, from: &str, to: &str) -> String {
        let hundredths = (self.convert(value, from, to).abs() * 100.0).round() as i64;
        let sign = if value < 0.0 && hundredths != 0 { "-" } else { "" };
        format!("{}{}.{:02} {}", sign, hundredths / 100, hundredths % 100, unit_key(to))
    }

    fn knows(&self, unit: &str) -> bool {
        self.to_millimetres.contains_key(&unit_key(unit))
    }

    fn units(&self) -> Vec<String> {
        let mut out: Vec<String> = self.to_millimetres.keys().cloned().collect();
        out.sort();
        out
    }

    fn conversion_count(&self) -> i32 {
        self.conversions
    }
}
