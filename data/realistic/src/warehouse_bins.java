import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

class CapacityException extends Exception {
    CapacityException(String message) { super(message); }
}

/** Stock kept in numbered bins of equal capacity; a delivery fills the fullest bin that still fits it. */
class WarehouseBins {
    private final int capacity;
    private final List<Map<String, Integer>> bins = new ArrayList<>();

    WarehouseBins(int bins, int capacity) {
        if (bins <= 0 || capacity <= 0) throw new IllegalArgumentException("bins and capacity must be positive");
        this.capacity = capacity;
        for (int i = 0; i < bins; i++) this.bins.add(new TreeMap<>());
    }

    int used(int bin) {
        int sum = 0;
        for (int q : bins.get(bin).values()) sum += q;
        return sum;
    }

    int store(String sku, int quantity) throws CapacityException {
        if (quantity <= 0) throw new IllegalArgumentException("quantity must be positive");
        int best = -1;
        for (int i = 0; i < bins.size(); i++) {
            int free = capacity - used(i);
            if (free >= quantity && (best < 0 || used(i) > used(best))) best = i;
        }
        if (best < 0) throw new CapacityException("no bin has room for " + quantity + " of " + sku);
        bins.get(best).merge(sku, quantity, Integer::sum);
        return best;
    }

    int pick(String sku, int quantity) {
        int picked = 0;
        for (Map<String, Integer> bin : bins) {
            Integer have = bin.get(sku);
            if (have == null || picked == quantity) continue;
            int take = Math.min(have, quantity - picked);
            if (take == have) bin.remove(sku);
            else bin.put(sku, have - take);
            picked += take;
        }
        return picked;
    }

    int stockOf(String sku) {
        int total = 0;
        for (Map<String, Integer> bin : bins) total += bin.getOrDefault(sku, 0);
        return total;
    }

    List<String> contents(int bin) {
        if (bin < 0 || bin >= bins.size()) throw new IndexOutOfBoundsException("no bin " + bin);
        List<String> lines = new ArrayList<>();
        bins.get(bin).forEach((sku, quantity) -> lines.add(sku + " x" + quantity));
        return lines;
    }

    int freeSpace() {
        int free = 0;
        for (int i = 0; i < bins.size(); i++) free += capacity - used(i);
        return free;
    }
}
