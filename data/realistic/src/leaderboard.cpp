#include <algorithm>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>
using namespace std;

// Player scores: the best score per player counts; ties rank by who reached it first.
class Leaderboard {
    map<string, int> best;
    map<string, int> reached_at;
    int submissions = 0;

    bool ahead_of(const string& a, const string& b) const {
        int sa = best.at(a), sb = best.at(b);
        return sa != sb ? sa > sb : reached_at.at(a) < reached_at.at(b);
    }

public:
    bool submit(const string& player, int score) {
        if (player.find_first_not_of(' ') == string::npos) throw invalid_argument("player name required");
        if (score < 0) throw invalid_argument("negative score");
        submissions++;
        auto it = best.find(player);
        if (it != best.end() && it->second >= score) return false;
        best[player] = score;
        reached_at[player] = submissions;
        return true;
    }

    vector<string> top(int n) const {
        vector<string> players;
        for (const auto& [name, score] : best) players.push_back(name);
        sort(players.begin(), players.end(), [this](const string& a, const string& b) { return ahead_of(a, b); });
        vector<string> out;
        for (int i = 0; i < n && i < static_cast<int>(players.size()); i++)
            out.push_back(to_string(i + 1) + ". " + players[i] + " " + to_string(best.at(players[i])));
        return out;
    }

    int rank(const string& player) const {
        if (!best.count(player)) return -1;
        int ahead = 0;
        for (const auto& [name, score] : best)
            if (name != player && ahead_of(name, player)) ahead++;
        return ahead + 1;
    }

    int score_of(const string& player) const {
        auto it = best.find(player);
        return it == best.end() ? 0 : it->second;
    }

    int players() const { return static_cast<int>(best.size()); }

    void reset(const string& player) {
        best.erase(player);
        reached_at.erase(player);
    }
};
