use std::collections::{BTreeSet, HashMap, HashSet, VecDeque};

/// Two-way routes between stops; the fewest hops between two stops, and the stops reachable from one.
struct RouteGraph {
    links: HashMap<String, Vec<String>>,
    route_count: i32,
}

impl RouteGraph {
    fn new() -> RouteGraph {
        RouteGraph { links: HashMap::new(), route_count: 0 }
    }

    fn connect(&mut self, a: &str, b: &str) -> bool {
        if a.is_empty() || b.is_empty() || a == b {
            panic!("bad route");
        }
        let from_a = self.links.entry(a.to_string()).or_insert_with(Vec::new);
        if from_a.iter().any(|s| s == b) {
            return false;
        }
        from_a.push(b.to_string());
        self.links.entry(b.to_string()).or_insert_with(Vec::new).push(a.to_string());
        self.route_count += 1;
        true
    }

    fn hops(&self, from: &str, to: &str) -> i32 {
        if !self.links.contains_key(from) || !self.links.contains_key(to) {
            return -1;
        }
        let mut dist: HashMap<&str, i32> = HashMap::new();
        dist.insert(from, 0);
        let mut queue = VecDeque::from([from]);
        while let Some(at) = queue.pop_front() {
            if at == to {
                return dist[at];
            }
            for next in &self.links[at] {
                if !dist.contains_key(next.as_str()) {
                    dist.insert(next, dist[at] + 1);
                    queue.push_back(next);
                }
            }
        }
        -1
    }

    fn reachable(&self, from: &str) -> Vec<String> {
        let mut seen: HashSet<&str> = HashSet::new();
        let mut stack: Vec<&str> = Vec::new();
        if self.links.contains_key(from) {
            stack.push(from);
        }
        while let Some(at) = stack.pop() {
            if !seen.insert(at) {
                continue;
            }
            stack.extend(self.links[at].iter().map(|s| s.as_str()));
        }
        seen.remove(from);
        seen.into_iter().map(String::from).collect::<BTreeSet<_>>().into_iter().collect()
    }

    fn components(&self) -> i32 {
        let mut seen: HashSet<String> = HashSet::new();
        let mut count = 0;
        for stop in self.links.keys() {
            if seen.contains(stop) {
                continue;
            }
            count += 1;
            seen.insert(stop.clone());
            seen.extend(self.reachable(stop));
        }
        count
    }

    fn routes(&self) -> i32 {
        self.route_count
    }

    fn stops(&self) -> i32 {
        self.links.len() as i32
    }
}
