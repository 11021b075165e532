#include <algorithm>
#include <deque>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>
using namespace std;

// Two-way routes between stops; the fewest hops between two stops, and the stops reachable from one.
class RouteGraph {
    map<string, vector<string>> links;
    int route_count = 0;

public:
    bool connect(const string& a, const string& b) {
        if (a.empty() || b.empty() || a == b) throw invalid_argument("bad route");
        vector<string>& from_a = links[a];
        if (find(from_a.begin(), from_a.end(), b) != from_a.end()) return false;
        from_a.push_back(b);
        links[b].push_back(a);
        route_count++;
        return true;
    }

    int hops(const string& from, const string& to) const {
        if (!links.count(from) || !links.count(to)) return -1;
        map<string, int> dist{{from, 0}};
        deque<string> queue{from};
        while (!queue.empty()) {
            string at = queue.front();
            queue.pop_front();
            if (at == to) return dist[at];
            for (const string& next : links.at(at)) {
                if (!dist.count(next)) {
                    dist[next] = dist[at] + 1;
                    queue.push_back(next);
                }
            }
        }
        return -1;
    }

    vector<string> reachable(const string& from) const {
        set<string> seen;
        vector<string> stack;
        if (links.count(from)) stack.push_back(from);
        while (!stack.empty()) {
            string at = stack.back();
            stack.pop_back();
            if (!seen.insert(at).second) continue;
            for (const string& next : links.at(at)) stack.push_back(next);
        }
        seen.erase(from);
        return vector<string>(seen.begin(), seen.end());
    }

    int components() const {
        set<string> seen;
        int count = 0;
        for (const auto& [stop, next] : links) {
            if (seen.count(stop)) continue;
            count++;
            seen.insert(stop);
            for (const string& other : reachable(stop)) seen.insert(other);
        }
        return count;
    }

    int routes() const { return route_count; }

    int stops() const { return static_cast<int>(links.size()); }
};
