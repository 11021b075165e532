use std::collections::HashMap;

/// Player scores: the best score per player counts; ties rank by who reached it first.
struct Leaderboard {
    best: HashMap<String, i32>,
    reached_at: HashMap<String, i32>,
    submissions: i32,
}

impl Leaderboard {
    fn new() -> Leaderboard {
        Leaderboard { best: HashMap::new(), reached_at: HashMap::new(), submissions: 0 }
    }

    fn ahead_of(&self, a: &str, b: &str) -> bool {
        let (sa, sb) = (self.best[a], self.best[b]);
        if sa != sb { sa > sb } else { self.reached_at[a] < self.reached_at[b] }
    }

    fn submit(&mut self, player: &str, score: i32) -> bool {
        if player.chars().all(|c| c == ' ') {
            panic!("player name required");
        }
        if score < 0 {
            panic!("negative score");
        }
        self.submissions += 1;
        if let Some(&old) = self.best.get(player) {
            if old >= score {
                return false;
            }
        }
        self.best.insert(player.to_string(), score);
        self.reached_at.insert(player.to_string(), self.submissions);
        true
    }

    fn top(&self, n: i32) -> Vec<String> {
        let mut players: Vec<&String> = self.best.keys().collect();
        players.sort_by(|a, b| {
            if self.ahead_of(a, b) {
                std::cmp::Ordering::Less
            } else if self.ahead_of(b, a) {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        });
        players
            .iter()
            .take(n.max(0) as usize)
            .enumerate()
            .map(|(i, p)| format!("{}. {} {}", i + 1, p, self.best[*p]))
            .collect()
    }

    fn rank(&self, player: &str) -> i32 {
        if !self.best.contains_key(player) {
            return -1;
        }
        1 + self.best.keys().filter(|name| name.as_str() != player && self.ahead_of(name, player)).count() as i32
    }

    fn score_of(&self, player: &str) -> i32 {
        self.best.get(player).copied().unwrap_or(0)
    }

    fn players(&self) -> i32 {
        self.best.len() as i32
    }

    fn reset(&mut self, player: &str) {
        self.best.remove(player);
        self.reached_at.remove(player);
    }
}
