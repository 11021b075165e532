struct Task {
    name: String,
    priority: i32,
}

/// A to-do queue: higher priority first, then first come first served; tasks can be bumped or dropped.
struct PriorityTasks {
    tasks: Vec<Task>,
    done: i32,
}

impl PriorityTasks {
    fn new() -> PriorityTasks {
        PriorityTasks { tasks: Vec::new(), done: 0 }
    }

    fn index_of(&self, name: &str) -> i32 {
        self.tasks.iter().position(|t| t.name == name).map_or(-1, |i| i as i32)
    }

    fn add(&mut self, name: &str, priority: i32) {
        if name.is_empty() {
            panic!("task needs a name");
        }
        if self.index_of(name) >= 0 {
            panic!("duplicate task {}", name);
        }
        if !(0..=9).contains(&priority) {
            panic!("priority must be 0..9");
        }
        let at = self.tasks.iter().take_while(|t| t.priority >= priority).count();
        self.tasks.insert(at, Task { name: name.to_string(), priority });
    }

    fn next(&mut self) -> String {
        if self.tasks.is_empty() {
            panic!("nothing to do");
        }
        self.done += 1;
        self.tasks.remove(0).name
    }

    fn peek(&self) -> String {
        self.tasks.first().map(|t| t.name.clone()).unwrap_or_default()
    }

    fn bump(&mut self, name: &str) -> bool {
        let i = self.index_of(name);
        if i < 0 {
            return false;
        }
        let task = self.tasks.remove(i as usize);
        self.add(name, (task.priority + 1).min(9));
        true
    }

    fn drop(&mut self, name: &str) -> bool {
        let i = self.index_of(name);
        if i < 0 {
            return false;
        }
        self.tasks.remove(i as usize);
        true
    }

    fn listing(&self) -> Vec<String> {
        self.tasks.iter().map(|t| format!("[{}] {}", t.priority, t.name)).collect()
    }

    fn pending(&self) -> i32 {
        self.tasks.len() as i32
    }

    fn completed(&self) -> i32 {
        self.done
    }
}
