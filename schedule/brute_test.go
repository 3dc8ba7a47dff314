package schedule

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/carepath/carepath"
)

// randomTiny returns a small random instance that bruteForce can solve exactly.
func randomTiny(rng *rand.Rand) *Instance {
	S, K, G, C := 4+rng.IntN(2), 1+rng.IntN(2), 1+rng.IntN(3), 3+rng.IntN(2)
	inst := &Instance{TargetGroupSize: 1 + rng.IntN(2), Weights: Weights{
		GroupMinute: 1 + rng.IntN(2), IndividualSession: rng.IntN(100), Continuity: rng.IntN(200), OverTarget: rng.IntN(90)}}
	for s := range S {
		inst.HourSlots = append(inst.HourSlots, fmt.Sprintf("s%d", s))
	}
	some := func(p int) []string {
		var out []string
		for _, s := range inst.HourSlots {
			if rng.IntN(100) < p {
				out = append(out, s)
			}
		}
		return out
	}
	for k := range K {
		inst.Clinicians = append(inst.Clinicians, Clinician{ID: fmt.Sprintf("k%d", k), Available: some(70), MaxClients: 1 + rng.IntN(2)})
	}
	levels := []carepath.Level{carepath.LevelIOP, carepath.LevelPHP}
	for g := range G {
		n := 1 + rng.IntN(2)
		first := rng.IntN(S - n + 1)
		gr := Group{ID: fmt.Sprintf("g%d", g), Slots: inst.HourSlots[first : first+n], Capacity: 1 + rng.IntN(3),
			Levels: levels[:1+rng.IntN(2)]}
		if rng.IntN(2) == 0 {
			gr.Facilitator = inst.Clinicians[rng.IntN(K)].ID
		}
		inst.Groups = append(inst.Groups, gr)
	}
	for c := range C {
		cl := Client{ID: fmt.Sprintf("c%d", c), Level: levels[rng.IntN(2)], Available: some(75),
			GroupMinutesRequired: 60 * rng.IntN(4), IndividualSessionsRequired: rng.IntN(3)}
		if rng.IntN(3) != 0 {
			cl.CurrentClinician = inst.Clinicians[rng.IntN(K)].ID
		}
		inst.Clients = append(inst.Clients, cl)
	}
	return inst
}

// bruteForce returns the best objective of inst by enumerating, client by client, every
// subset of groups and every set of sessions with one clinician, with a simple bound.
func bruteForce(inst *Instance) int {
	m := newModel(inst)
	st := newState(m, nil)
	C := len(inst.Clients)
	// bestRest[c] bounds what clients c.. can add.
	bestRest := make([]int, C+1)
	for c := C - 1; c >= 0; c-- {
		v := m.w.GroupMinute*m.cReqMin[c] + m.w.IndividualSession*m.cReqInd[c]
		if m.cCur[c] >= 0 {
			v += m.w.Continuity
		}
		bestRest[c] = bestRest[c+1] + v
	}
	best := 0
	var client func(c int)
	var groups func(c, i int)
	var sessions func(c, k int, from int)
	client = func(c int) {
		if c == C {
			best = max(best, st.obj)
			return
		}
		// Penalties can only grow, so st.obj plus the rest bounds every completion.
		if st.obj+bestRest[c] <= best {
			return
		}
		groups(c, 0)
	}
	groups = func(c, i int) {
		if i == len(m.cElig[c]) {
			client(c + 1) // no sessions
			for k := range m.kFree {
				if st.load[k] < m.kMax[k] {
					sessions(c, k, 0)
				}
			}
			return
		}
		groups(c, i+1)
		g := m.cElig[c][i]
		if st.size[g] < m.gCap[g] && !st.gmask[c].meets(m.gSlots[g]) {
			st.join(c, g)
			groups(c, i+1)
			st.leave(c, g)
		}
	}
	// sessions adds one more session of c with k in a slot ≥ from, then recurses.
	sessions = func(c, k, from int) {
		if len(st.sess[c]) >= m.cReqInd[c] {
			return
		}
		free := m.kFree[k].and(m.cAvail[c]).andNot(st.occMask[k]).andNot(st.gmask[c])
		for s := from; s < len(inst.HourSlots); s++ {
			if !free.has(s) {
				continue
			}
			st.addSession(c, k, s)
			client(c + 1)
			sessions(c, k, s+1)
			st.dropSession(c, s)
		}
	}
	client(0)
	return best
}

func TestSolveMatchesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	n := 300
	if testing.Short() {
		n = 50
	}
	worse := 0
	for i := range n {
		inst := randomTiny(rng)
		if err := inst.Validate(); err != nil {
			t.Fatalf("instance %d: %v", i, err)
		}
		want := bruteForce(inst)
		sol, _, err := Solve(context.Background(), inst, Options{Seed: uint64(i)})
		if err != nil {
			t.Fatalf("instance %d: %v", i, err)
		}
		r, _ := Check(inst, sol)
		if !r.Feasible || r.Objective != sol.Objective {
			t.Fatalf("instance %d: infeasible or wrong objective: %+v", i, r)
		}
		if sol.Objective > want {
			t.Fatalf("instance %d: solver %d beats brute force %d: brute force is wrong", i, sol.Objective, want)
		}
		if sol.Objective < want {
			worse++
			t.Logf("instance %d: solver %d, optimum %d", i, sol.Objective, want)
			if 100*sol.Objective < 99*want {
				t.Errorf("instance %d: solver %d below 99%% of the optimum %d", i, sol.Objective, want)
			}
		}
	}
	if worse > 0 {
		t.Errorf("solver missed the optimum on %d of %d tiny instances", worse, n)
	}
}
