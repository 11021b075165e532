import java.util.ArrayList;
import java.util.List;

/** A thermostat with a heating schedule: a target per hour, a manual override until a given hour. */
public class Thermostat {
    private final int[] targets = new int[24];
    private int overrideTarget = -1;
    private int overrideUntil = -1;
    private final List<String> log = new ArrayList<>();

    public Thermostat(int defaultTarget) {
        if (defaultTarget < 5 || defaultTarget > 30) throw new IllegalArgumentException("target out of range");
        for (int h = 0; h < 24; h++) targets[h] = defaultTarget;
    }

    public void schedule(int fromHour, int toHour, int target) {
        if (fromHour < 0 || toHour > 24 || fromHour >= toHour) throw new IllegalArgumentException("bad hours");
        for (int h = fromHour; h < toHour; h++) targets[h] = target;
        log.add("schedule " + fromHour + "-" + toHour + " at " + target);
    }

    public void override(int target, int untilHour) {
        overrideTarget = target;
        overrideUntil = untilHour;
        log.add("override " + target + " until " + untilHour);
    }

    public int targetAt(int hour) {
        if (hour < 0 || hour > 23) throw new IllegalArgumentException("hour " + hour);
        return hour < overrideUntil ? overrideTarget : targets[hour];
    }

    public boolean heating(int hour, double roomTemperature) {
        return roomTemperature < targetAt(hour) - 0.5;
    }

    public List<String> history() {
        return new ArrayList<>(log);
    }
}
