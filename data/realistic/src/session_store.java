import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

class SessionExpiredException extends Exception {
    SessionExpiredException(String token) { super("session " + token + " expired"); }
}

/** Login sessions that expire after a idle time; times are seconds passed in by the caller. */
class SessionStore {
    private final Map<String, String> users = new HashMap<>();
    private final Map<String, Long> lastSeen = new HashMap<>();
    private final long idleSeconds;
    private int issued;

    SessionStore(long idleSeconds) {
        if (idleSeconds <= 0) throw new IllegalArgumentException("idle time must be positive");
        this.idleSeconds = idleSeconds;
    }

    String login(String user, long now) {
        if (user.trim().isEmpty()) throw new IllegalArgumentException("user required");
        issued++;
        String token = user.trim().toLowerCase().replace(' ', '_') + "-" + issued;
        users.put(token, user.trim());
        lastSeen.put(token, now);
        return token;
    }

    String touch(String token, long now) throws SessionExpiredException {
        Long seen = lastSeen.get(token);
        if (seen == null || now - seen > idleSeconds) {
            logout(token);
            throw new SessionExpiredException(token);
        }
        lastSeen.put(token, Math.max(seen, now));
        return users.get(token);
    }

    boolean logout(String token) {
        lastSeen.remove(token);
        return users.remove(token) != null;
    }

    int sweep(long now) {
        List<String> expired = new ArrayList<>();
        for (Map.Entry<String, Long> e : lastSeen.entrySet()) {
            if (now - e.getValue() > idleSeconds) expired.add(e.getKey());
        }
        for (String token : expired) logout(token);
        return expired.size();
    }

    List<String> activeUsers() {
        List<String> names = new ArrayList<>();
        for (String name : users.values()) {
            if (!names.contains(name)) names.add(name);
        }
        Collections.sort(names);
        return names;
    }

    int active() {
        return users.size();
    }
}
