package x12

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/carepath/carepath/billing"
)

// skipOrFail skips a test that needs something not installed, or fails it when
// CAREPATH_REQUIRE_SERVICES=1 (as CI sets it).
func skipOrFail(t *testing.T, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if os.Getenv("CAREPATH_REQUIRE_SERVICES") == "1" {
		t.Fatal(msg + " (CAREPATH_REQUIRE_SERVICES=1)")
	}
	t.Skip(msg)
}

// moduleRoot is the directory holding go.mod, where `npm ci` puts node_modules.
func moduleRoot(t *testing.T) string {
	dir, _ := os.Getwd()
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test")
		}
		dir = parent
	}
}

// parsed is what testdata/x12parse.js prints: the interchange as node-x12 read it.
type parsed struct {
	ISA    []string `json:"isa"`
	IEA    []string `json:"iea"`
	Groups []struct {
		GS           []string `json:"gs"`
		GE           []string `json:"ge"`
		Transactions []struct {
			ST       []string   `json:"st"`
			SE       []string   `json:"se"`
			Segments [][]string `json:"segments"`
		} `json:"transactions"`
	} `json:"groups"`
}

// nodeParse writes file to disk and parses it with node-x12.
func nodeParse(t *testing.T, file string) parsed {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		skipOrFail(t, "node is not installed: the 837 files are not checked by node-x12")
	}
	root := moduleRoot(t)
	if _, err := os.Stat(filepath.Join(root, "node_modules", "node-x12")); err != nil {
		skipOrFail(t, "node_modules/node-x12 is missing (run `npm ci --no-audit --no-fund`): the 837 files are not checked by node-x12")
	}
	path := filepath.Join(t.TempDir(), "claims.837")
	if err := os.WriteFile(path, []byte(file), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(node, filepath.Join("testdata", "x12parse.js"), root, path).Output()
	if err != nil {
		var stderr string
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = string(ee.Stderr)
		}
		t.Fatalf("node-x12 rejected the file: %v\n%s", err, stderr)
	}
	var p parsed
	if err := json.Unmarshal(out, &p); err != nil {
		t.Fatalf("node output: %v", err)
	}
	return p
}

// TestNodeX12Reads837 parses every 837 carepath writes with node-x12 and checks it segment by
// segment against the batch it came from: envelopes, counts and control numbers, the claims'
// diagnoses, and every service line's code, modifiers, charge, units and date.
func TestNodeX12Reads837(t *testing.T) {
	for _, tc := range []struct {
		name  string
		batch Batch837
	}{{"837P", knownBatch(t)}, {"837I", medicareBatch(t)}} {
		t.Run(tc.name, func(t *testing.T) {
			file, sum := write(t, tc.batch)
			p := nodeParse(t, file)
			env := tc.batch.Envelope
			// node-x12 reports numeric envelope elements without their leading zeros.
			num := func(s string) int { n, _ := strconv.Atoi(strings.TrimSpace(s)); return n }
			if len(p.ISA) != 16 || num(p.ISA[12]) != env.InterchangeControl || p.ISA[11] != "00501" || p.ISA[14] != "T" || strings.TrimSpace(p.ISA[5]) != env.SenderID {
				t.Errorf("ISA as node-x12 read it: %q", p.ISA)
			}
			if len(p.IEA) != 2 || p.IEA[0] != "1" || num(p.IEA[1]) != env.InterchangeControl || len(p.Groups) != 1 {
				t.Fatalf("IEA %q with %d groups", p.IEA, len(p.Groups))
			}
			g := p.Groups[0]
			version := Version837P
			if sum.Format == billing.Format837I {
				version = Version837I
			}
			if g.GS[0] != "HC" || g.GS[5] != strconv.Itoa(env.GroupControl) || g.GS[7] != version || g.GE[0] != "1" || g.GE[1] != g.GS[5] || len(g.Transactions) != 1 {
				t.Fatalf("GS %q GE %q", g.GS, g.GE)
			}
			tx := g.Transactions[0]
			if tx.ST[0] != "837" || tx.ST[2] != version || tx.SE[1] != tx.ST[1] || tx.SE[0] != strconv.Itoa(len(tx.Segments)+2) || len(tx.Segments)+2 != sum.Segments {
				t.Errorf("ST %q SE %q around %d segments (summary says %d)", tx.ST, tx.SE, len(tx.Segments), sum.Segments)
			}
			checkClaims(t, tc.batch, tx.Segments)
		})
	}
}

// checkClaims walks node-x12's segments claim by claim.
func checkClaims(t *testing.T, b Batch837, segs [][]string) {
	t.Helper()
	ci, li := -1, -1
	var claim billing.Claim
	hl, others, conditions := 0, 0, 0
	party, sexes := "", map[string]int{}
	for _, s := range segs {
		switch s[0] {
		case "NM1":
			party = s[1]
		case "DMG":
			// DMG03 is the sex of the subscriber (after NM1*IL) or patient (after NM1*QC) of the
			// claim that follows: F or M as recorded, U when it is not.
			next := b.Claims[min(ci+1, len(b.Claims)-1)]
			want := next.Subscriber.Sex
			if party == "QC" && next.Patient != nil {
				want = next.Patient.Sex
			}
			if want != "F" && want != "M" {
				want = "U"
			}
			if len(s) < 4 || s[1] != "D8" || s[3] != want {
				t.Errorf("DMG after NM1*%s: %q, want DMG03 %s", party, s, want)
			}
			sexes[s[3]]++
		case "HL":
			hl++
			if s[1] != strconv.Itoa(hl) {
				t.Errorf("HL numbering: %q is HL %d", s, hl)
			}
		case "CLM":
			if li >= 0 && li != len(claim.Lines)-1 {
				t.Errorf("claim %s: %d lines written, %d in the claim", claim.ID, li+1, len(claim.Lines))
			}
			ci++
			li, others, conditions = -1, 0, 0
			claim = b.Claims[ci].Claim
			var total int64
			for _, l := range claim.Lines {
				total += int64(l.Cents)
			}
			if s[1] != claim.ID || s[2] != amount(claim.Total) || int64(claim.Total) != total {
				t.Errorf("CLM %q: claim %s totals %s", s, claim.ID, amount(claim.Total))
			}
			comp := strings.Split(s[5], ":")
			if claim.Format == billing.Format837P && (comp[0] != claim.PlaceOfService || comp[1] != "B" || comp[2] != claim.Frequency) ||
				claim.Format == billing.Format837I && (comp[0] != claim.FacilityType || comp[1] != "A" || comp[2] != claim.Frequency) {
				t.Errorf("CLM05 %q for %+v", s[5], claim)
			}
		case "HI":
			for _, e := range s[1:] {
				q, code, _ := strings.Cut(e, ":")
				switch q {
				case "ABK":
					if code != dx(claim.Diagnoses[0]) {
						t.Errorf("principal diagnosis %s, want %s", code, claim.Diagnoses[0])
					}
				case "ABF":
					// The other diagnoses follow the principal in order, in its HI (837P) or their own (837I).
					others++
					if others >= len(claim.Diagnoses) || code != dx(claim.Diagnoses[others]) {
						t.Errorf("other diagnosis %d: %s, want %v", others, code, claim.Diagnoses)
					}
				case "BG":
					conditions++
					if conditions > len(claim.ConditionCodes) || code != claim.ConditionCodes[conditions-1] {
						t.Errorf("condition code %s", code)
					}
				default:
					t.Errorf("unexpected HI qualifier %q", q)
				}
			}
		case "LX":
			li++
			if s[1] != strconv.Itoa(li+1) {
				t.Errorf("LX %q", s)
			}
		case "SV1", "SV2":
			l := claim.Lines[li]
			proc, charge, unit, units := s[1], s[2], s[3], s[4]
			if s[0] == "SV2" {
				if s[1] != l.RevenueCode {
					t.Errorf("SV201 %q, want revenue code %s", s[1], l.RevenueCode)
				}
				proc, charge, unit, units = s[2], s[3], s[4], s[5]
			}
			want := strings.Join(append([]string{"HC", l.Code}, l.Modifiers...), ":")
			if proc != want || charge != amount(l.Cents) || unit != "UN" || units != strconv.Itoa(l.Units) {
				t.Errorf("line %d: %q, want %s %s UN %d", li+1, s, want, amount(l.Cents), l.Units)
			}
		case "DTP":
			if s[1] == "472" && (li < 0 || s[3] != d8(claim.Lines[li].Date)) {
				t.Errorf("line date %q", s)
			}
		case "REF":
			if s[1] == "6R" && s[2] != LineControlNumber(claim.ID, li+1) {
				t.Errorf("line control number %q", s)
			}
		}
	}
	if sexes["F"]+sexes["M"]+sexes["U"] == 0 {
		t.Errorf("node-x12 saw no DMG segment")
	}
	if ci != len(b.Claims)-1 || li != len(claim.Lines)-1 {
		t.Errorf("node-x12 saw %d claims, the last with %d lines; the batch has %d", ci+1, li+1, len(b.Claims))
	}
}

// TestNodeX12CatchesBadCounts makes sure the independent parser is really checking: a file with a
// wrong SE01 must be refused.
func TestNodeX12CatchesBadCounts(t *testing.T) {
	file, _ := write(t, knownBatch(t))
	broken := strings.Replace(file, "SE*66*0001", "SE*65*0001", 1)
	node, err := exec.LookPath("node")
	if err != nil {
		skipOrFail(t, "node is not installed")
	}
	root := moduleRoot(t)
	if _, err := os.Stat(filepath.Join(root, "node_modules", "node-x12")); err != nil {
		skipOrFail(t, "node_modules/node-x12 is missing (run `npm ci --no-audit --no-fund`)")
	}
	path := filepath.Join(t.TempDir(), "broken.837")
	_ = os.WriteFile(path, []byte(broken), 0o600)
	if out, err := exec.Command(node, filepath.Join("testdata", "x12parse.js"), root, path).CombinedOutput(); err == nil ||
		!strings.Contains(string(out), "SE01") {
		t.Errorf("node-x12 accepted a wrong segment count: %v %s", err, out)
	}
}
