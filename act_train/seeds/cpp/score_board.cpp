#include <algorithm>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>
using namespace std;

class ScoreBoard {
    map<string, int> totals;
    int rounds = 0;
public:
    void record(const string& player, int points) {
        if (points < 0) throw invalid_argument("points cannot be negative");
        totals[player] += points;
        rounds++;
    }
    int total(const string& player) const {
        auto it = totals.find(player);
        return it == totals.end() ? 0 : it->second;
    }
    // the n best players, highest total first, ties by name
    vector<string> top(size_t n) const {
        vector<pair<int, string>> ranked;
        for (const auto& kv : totals) ranked.push_back({-kv.second, kv.first});
        sort(ranked.begin(), ranked.end());
        vector<string> out;
        for (size_t i = 0; i < ranked.size() && i < n; i++) out.push_back(ranked[i].second);
        return out;
    }
    int rounds_played() const { return rounds; }
};
// ---- tests ----
#include <cassert>
int main() {
    ScoreBoard b;
    b.record("ann", 10); b.record("bob", 30); b.record("ann", 25); b.record("cy", 35); b.record("dee", 0);
    assert(b.total("ann") == 35 && b.total("zed") == 0 && b.rounds_played() == 5);
    assert((b.top(2) == vector<string>{"ann", "cy"}));
    assert((b.top(10) == vector<string>{"ann", "cy", "bob", "dee"}));
    assert(b.top(0).empty());
    bool thrown = false;
    try { b.record("ann", -1); } catch (const invalid_argument&) { thrown = true; }
    assert(thrown && b.rounds_played() == 5);
    b.record("bob", 6);
    assert((b.top(1) == vector<string>{"bob"}));
    return 0;
}
