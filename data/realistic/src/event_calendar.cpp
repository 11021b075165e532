#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>
using namespace std;

struct Meeting {
    string title;
    int start;
    int end;
};

// A day's meetings as [start, end) minutes; a meeting that overlaps another is refused.
class EventCalendar {
    vector<Meeting> meetings;
    int day_start;
    int day_end;

    static string clock(int minute) {
        char buf[16];
        snprintf(buf, sizeof buf, "%02d:%02d", minute / 60, minute % 60);
        return buf;
    }

public:
    EventCalendar(int day_start, int day_end) : day_start(day_start), day_end(day_end) {
        if (day_start < 0 || day_end > 24 * 60 || day_start >= day_end) throw invalid_argument("bad day");
    }

    bool book(const string& title, int start, int minutes) {
        int end = start + minutes;
        if (minutes <= 0 || start < day_start || end > day_end) return false;
        for (const Meeting& m : meetings)
            if (start < m.end && m.start < end) return false;
        auto at = meetings.begin();
        while (at != meetings.end() && at->start < start) ++at;
        meetings.insert(at, Meeting{title, start, end});
        return true;
    }

    bool cancel(const string& title) {
        for (auto it = meetings.begin(); it != meetings.end(); ++it) {
            if (it->title == title) {
                meetings.erase(it);
                return true;
            }
        }
        return false;
    }

    vector<string> agenda() const {
        vector<string> lines;
        for (const Meeting& m : meetings) lines.push_back(clock(m.start) + "-" + clock(m.end) + " " + m.title);
        return lines;
    }

    int free_minutes() const {
        int busy = 0;
        for (const Meeting& m : meetings) busy += m.end - m.start;
        return day_end - day_start - busy;
    }

    int first_free_slot(int minutes) const {
        int at = day_start;
        for (const Meeting& m : meetings) {
            if (m.start - at >= minutes) return at;
            at = max(at, m.end);
        }
        return day_end - at >= minutes ? at : -1;
    }
};
