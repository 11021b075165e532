struct Meeting {
    title: String,
    start: i32,
    end: i32,
}

/// A day's meetings as [start, end) minutes; a meeting that overlaps another is refused.
struct EventCalendar {
    meetings: Vec<Meeting>,
    day_start: i32,
    day_end: i32,
}

fn clock(minute: i32) -> String {
    format!("{:02}:{:02}", minute / 60, minute % 60)
}

impl EventCalendar {
    fn new(day_start: i32, day_end: i32) -> EventCalendar {
        if day_start < 0 || day_end > 24 * 60 || day_start >= day_end {
            panic!("bad day");
        }
        EventCalendar { meetings: Vec::new(), day_start, day_end }
    }

    fn book(&mut self, title: &str, start: i32, minutes: i32) -> bool {
        let end = start + minutes;
        if minutes <= 0 || start < self.day_start || end > self.day_end {
            return false;
        }
        if self.meetings.iter().any(|m| start < m.end && m.start < end) {
            return false;
        }
        let at = self.meetings.iter().take_while(|m| m.start < start).count();
        self.meetings.insert(at, Meeting { title: title.to_string(), start, end });
        true
    }

    fn cancel(&mut self, title: &str) -> bool {
        match self.meetings.iter().position(|m| m.title == title) {
            Some(i) => {
                self.meetings.remove(i);
                true
            }
            None => false,
        }
    }

    fn agenda(&self) -> Vec<String> {
        self.meetings.iter().map(|m| format!("{}-{} {}", clock(m.start), clock(m.end), m.title)).collect()
    }

    fn free_minutes(&self) -> i32 {
        self.day_end - self.day_start - self.meetings.iter().map(|m| m.end - m.start).sum::<i32>()
    }

    fn first_free_slot(&self, minutes: i32) -> i32 {
        let mut at = self.day_start;
        for m in &self.meetings {
            if m.start - at >= minutes {
                return at;
            }
            at = at.max(m.end);
        }
        if self.day_end - at >= minutes { at } else { -1 }
    }
}
