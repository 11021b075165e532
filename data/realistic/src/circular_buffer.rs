/// A fixed-capacity ring of readings; when full, a write overwrites the oldest one and counts it as dropped.
struct CircularBuffer {
    items: Vec<i32>,
    head: usize,
    count: usize,
    dropped: i32,
}

impl CircularBuffer {
    fn new(capacity: i32) -> CircularBuffer {
        if capacity < 1 {
            panic!("capacity must be at least 1");
        }
        CircularBuffer { items: vec![0; capacity as usize], head: 0, count: 0, dropped: 0 }
    }

    fn write(&mut self, value: i32) {
        let len = self.items.len();
        self.items[(self.head + self.count) % len] = value;
        if self.count == len {
            self.head = (self.head + 1) % len;
            self.dropped += 1;
        } else {
            self.count += 1;
        }
    }

    fn read(&mut self) -> i32 {
        let value = self.peek();
        self.head = (self.head + 1) % self.items.len();
        self.count -= 1;
        value
    }

    fn peek(&self) -> i32 {
        if self.count == 0 {
            panic!("buffer is empty");
        }
        self.items[self.head]
    }

    fn size(&self) -> i32 {
        self.count as i32
    }

    fn dropped_count(&self) -> i32 {
        self.dropped
    }

    fn snapshot(&self) -> Vec<i32> {
        (0..self.count).map(|i| self.items[(self.head + i) % self.items.len()]).collect()
    }

    fn average(&self) -> f64 {
        if self.count == 0 {
            return 0.0;
        }
        let sum: i64 = self.snapshot().iter().map(|&v| v as i64).sum();
        sum as f64 / self.count as f64
    }
}
