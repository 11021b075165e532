import java.util.ArrayList;
import java.util.List;

/** A day's meetings as [start, end) minutes; a meeting that overlaps another is refused. */
class EventCalendar {
    private final List<String> titles = new ArrayList<>();
    private final List<Integer> starts = new ArrayList<>();
    private final List<Integer> ends = new ArrayList<>();
    private final int dayStart;
    private final int dayEnd;

    EventCalendar(int dayStart, int dayEnd) {
        if (dayStart < 0 || dayEnd > 24 * 60 || dayStart >= dayEnd) throw new IllegalArgumentException("bad day");
        this.dayStart = dayStart;
        this.dayEnd = dayEnd;
    }

    boolean book(String title, int start, int minutes) {
        int end = start + minutes;
        if (minutes <= 0 || start < dayStart || end > dayEnd) return false;
        for (int i = 0; i < starts.size(); i++) {
            if (start < ends.get(i) && starts.get(i) < end) return false;
        }
        int at = 0;
        while (at < starts.size() && starts.get(at) < start) at++;
        titles.add(at, title);
        starts.add(at, start);
        ends.add(at, end);
        return true;
    }

    boolean cancel(String title) {
        for (int slot = 0; slot < titles.size(); slot++) {
            if (titles.get(slot).equals(title)) {
                titles.remove(slot);
                starts.remove(slot);
                ends.remove(slot);
                return true;
            }
        }
        return false;
    }

    List<String> agenda() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < titles.size(); i++) {
            lines.add(clock(starts.get(i)) + "-" + clock(ends.get(i)) + " " + titles.get(i));
        }
        return lines;
    }

    int freeMinutes() {
        int busy = 0;
        for (int i = 0; i < starts.size(); i++) busy += ends.get(i) - starts.get(i);
        return dayEnd - dayStart - busy;
    }

    int firstFreeSlot(int minutes) {
        int at = dayStart;
        for (int i = 0; i < starts.size(); i++) {
            if (starts.get(i) - at >= minutes) return at;
            at = Math.max(at, ends.get(i));
        }
        return dayEnd - at >= minutes ? at : -1;
    }

    static String clock(int minute) {
        return String.format("%02d:%02d", minute / 60, minute % 60);
    }
}
