#include <map>
#include <stdexcept>
#include <string>
using namespace std;

class TtlCache {
    map<string, pair<int, long>> entries;  // key -> (value, expiry time)
    long now = 0;
public:
    void put(const string& key, int value, long ttl) {
        if (ttl <= 0) throw invalid_argument("ttl must be positive");
        entries[key] = {value, now + ttl};
    }
    void advance(long ticks) {
        if (ticks < 0) throw invalid_argument("time does not go back");
        now += ticks;
    }
    // -1 when missing or expired (expired entries are dropped)
    int get(const string& key) {
        auto it = entries.find(key);
        if (it == entries.end()) return -1;
        if (it->second.second <= now) { entries.erase(it); return -1; }
        return it->second.first;
    }
    int purge() {
        int removed = 0;
        for (auto it = entries.begin(); it != entries.end();) {
            if (it->second.second <= now) { it = entries.erase(it); removed++; }
            else ++it;
        }
        return removed;
    }
    size_t size() const { return entries.size(); }
};
// ---- tests ----
#include <cassert>
int main() {
    TtlCache c;
    c.put("a", 1, 5); c.put("b", 2, 10);
    c.advance(4);
    assert(c.get("a") == 1 && c.get("b") == 2 && c.get("z") == -1);
    c.advance(1);
    assert(c.get("a") == -1 && c.size() == 1);
    c.put("c", 3, 1); c.put("d", 4, 100);
    c.advance(5);
    assert(c.purge() == 2 && c.size() == 1 && c.get("d") == 4);
    int errors = 0;
    try { c.put("x", 1, 0); } catch (const invalid_argument&) { errors++; }
    try { c.advance(-1); } catch (const invalid_argument&) { errors++; }
    assert(errors == 2);
    return 0;
}
