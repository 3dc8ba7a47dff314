package schedule

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// lpModel is the parsed text of an LP file as WriteLP writes it.
type lpModel struct {
	obj    map[string]float64
	rows   []lpRow
	lo, hi map[string]float64
	binary map[string]bool
	vars   map[string]bool
}

type lpRow struct {
	name  string
	terms map[string]float64
	rhs   float64
}

// parseLP reads the subset of CPLEX LP that WriteLP writes.
func parseLP(t *testing.T, text string) *lpModel {
	t.Helper()
	lp := &lpModel{obj: map[string]float64{}, lo: map[string]float64{}, hi: map[string]float64{},
		binary: map[string]bool{}, vars: map[string]bool{}}
	section := ""
	var cur *lpRow
	sign, coef := 1.0, 1.0
	for _, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(line, "\\") {
			continue
		}
		switch strings.TrimSpace(line) {
		case "Maximize", "Subject To", "Bounds", "Generals", "Binaries", "End":
			section = strings.TrimSpace(line)
			continue
		}
		f := strings.Fields(line)
		switch section {
		case "Maximize", "Subject To":
			for i := 0; i < len(f); i++ {
				tok := f[i]
				switch {
				case strings.HasSuffix(tok, ":"):
					lp.rows = append(lp.rows, lpRow{name: strings.TrimSuffix(tok, ":"), terms: map[string]float64{}})
					cur = &lp.rows[len(lp.rows)-1]
					if section == "Maximize" {
						cur.terms = lp.obj
					}
				case tok == "+":
					sign = 1
				case tok == "-":
					sign = -1
				case tok == "<=":
					i++
					cur.rhs, _ = strconv.ParseFloat(f[i], 64)
				default:
					if v, err := strconv.ParseFloat(tok, 64); err == nil {
						coef = v
						continue
					}
					cur.terms[tok] += sign * coef
					lp.vars[tok] = true
					sign, coef = 1, 1
				}
			}
		case "Bounds":
			if len(f) == 5 { // lo <= v <= hi
				lp.lo[f[2]], _ = strconv.ParseFloat(f[0], 64)
				lp.hi[f[2]], _ = strconv.ParseFloat(f[4], 64)
			}
		case "Binaries":
			if len(f) == 1 {
				lp.binary[f[0]] = true
			}
		}
	}
	if len(lp.rows) > 0 && lp.rows[0].name == "obj" {
		lp.rows = lp.rows[1:]
	}
	return lp
}

// lpValues are the values of the LP's variables that represent sol.
func lpValues(inst *Instance, sol *Solution) map[string]float64 {
	m := newModel(inst)
	v := map[string]float64{}
	minutes := make([]int, len(inst.Clients))
	for gid, members := range sol.Groups {
		g := m.group[gid]
		for _, cid := range members {
			c := m.client[cid]
			v[fmt.Sprintf("x_%d_%d", c, g)] = 1
			minutes[c] += m.gMinutes[g]
		}
		v[fmt.Sprintf("o_%d", g)] = float64(max(0, len(members)-inst.TargetGroupSize))
	}
	for c := range inst.Clients {
		v[fmt.Sprintf("m_%d", c)] = float64(min(minutes[c], m.cReqMin[c]))
	}
	for _, s := range sol.Individual {
		c, k := m.client[s.Client], m.clin[s.Clinician]
		v[fmt.Sprintf("y_%d_%d_%d", c, k, m.slot[s.Slot])] = 1
		v[fmt.Sprintf("z_%d_%d", c, k)] = 1
	}
	return v
}

// TestLPAgreesWithSolutions checks that every solution the optimizer finds is a feasible point
// of the LP with the same objective: the LP is no tighter than the problem.
func TestLPAgreesWithSolutions(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 3))
	var insts []*Instance
	for range 40 {
		insts = append(insts, randomTiny(rng))
	}
	for seed := range uint64(3) {
		in, _ := Generate(GenParams{Clients: 60, Clinicians: 6, Groups: 6, Slots: 20, Seed: seed})
		insts = append(insts, in, tiny())
	}
	for i, inst := range insts {
		var buf bytes.Buffer
		if err := WriteLP(&buf, inst); err != nil {
			t.Fatal(err)
		}
		lp := parseLP(t, buf.String())
		sol, _, err := Solve(context.Background(), inst, Options{Seed: uint64(i)})
		if err != nil {
			t.Fatal(err)
		}
		v := lpValues(inst, sol)
		for name, x := range v {
			if x != 0 && !lp.vars[name] {
				t.Fatalf("instance %d: solution uses %s = %v, which the LP lacks", i, name, x)
			}
		}
		for _, r := range lp.rows {
			lhs := 0.0
			for name, a := range r.terms {
				lhs += a * v[name]
			}
			if lhs > r.rhs+1e-9 {
				t.Fatalf("instance %d: row %s: %v > %v", i, r.name, lhs, r.rhs)
			}
		}
		for name, hi := range lp.hi {
			if v[name] < lp.lo[name] || v[name] > hi {
				t.Fatalf("instance %d: %s = %v outside [%v, %v]", i, name, v[name], lp.lo[name], hi)
			}
		}
		obj := 0.0
		for name, a := range lp.obj {
			obj += a * v[name]
		}
		if int(obj) != sol.Objective {
			t.Fatalf("instance %d: LP objective %v at the solution, want %d", i, obj, sol.Objective)
		}
	}
}

// TestLPOptimumWithCBC checks, when CBC is installed, that the LP's optimum is the brute-force
// optimum and that CBC's solution passes the checker: the LP is no looser than the problem.
func TestLPOptimumWithCBC(t *testing.T) {
	cbc, err := exec.LookPath("cbc")
	if err != nil {
		if os.Getenv("CAREPATH_REQUIRE_SERVICES") == "1" {
			t.Fatal("cbc (coinor-cbc) is not installed (CAREPATH_REQUIRE_SERVICES=1)")
		}
		t.Skip("cbc not installed (apt-get install coinor-cbc)")
	}
	rng := rand.New(rand.NewPCG(11, 11))
	n := 25
	if testing.Short() {
		n = 5
	}
	dir := t.TempDir()
	for i := range n {
		inst := randomTiny(rng)
		if i == 0 {
			inst = tiny()
		}
		lpFile, solFile := filepath.Join(dir, "m.lp"), filepath.Join(dir, "m.sol")
		var buf bytes.Buffer
		if err := WriteLP(&buf, inst); err != nil {
			t.Fatal(err)
		}
		os.WriteFile(lpFile, buf.Bytes(), 0o644)
		os.Remove(solFile)
		if out, err := exec.Command(cbc, lpFile, "solve", "solu", solFile).CombinedOutput(); err != nil {
			t.Fatalf("cbc: %v\n%s", err, out)
		}
		f, err := os.Open(solFile)
		if err != nil {
			t.Fatal(err)
		}
		sol, err := ReadCBCSolution(f, inst)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		r, _ := Check(inst, sol)
		want := bruteForce(inst)
		if !r.Feasible || r.Objective != want || sol.Objective != want {
			t.Fatalf("instance %d: cbc says %d, checker %+v, brute force %d\n%s", i, sol.Objective, r, want, buf.String())
		}
	}
}
