package x12

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/billing"
)

// secondaryBatch is knownBatch sent to the secondary payer, Beacon Mutual: Ana's claim B7C0001
// carries Aetna's adjudication of each line, Aetna having paid 60% of each charge, written off
// 10% as contractual and left the rest to Ana as coinsurance — except the first line, whose
// client share is split over seven reasons (two CAS segments) — and Ben's claim is Ben's own
// coverage with Aetna as primary, denied in full to the patient (PR 96).
func secondaryBatch(t testing.TB) Batch837 {
	t.Helper()
	b := knownBatch(t)
	b.Envelope.ReceiverID, b.Receiver, b.Payer = "BEACON", Party{Name: "Beacon Mutual", ID: "70070"}, Payer{Name: "Beacon Mutual", ID: "70070", FilingIndicator: "CI"}
	aetna := Payer{Name: "Aetna", ID: "60054", FilingIndicator: "CI"}
	for i := range b.Claims {
		cp := &b.Claims[i]
		cp.Subscriber.Responsibility = "S"
		o := &OtherPayer{Payer: aetna, Subscriber: Subscriber{Person: Person{Last: "Lopez", First: "Ana"}, MemberID: "AET123", GroupNumber: "AG1"},
			Relationship: "18"}
		for j, l := range cp.Claim.Lines {
			a := LineAdjudication{Date: "2026-04-03"}
			switch {
			case i == 1:
				o.Subscriber = Subscriber{Person: Person{Last: "Ortiz", First: "Carla"}, MemberID: "AET999"}
				o.Relationship = "19"
				a.Adjustments = []billing.Adjustment{{Group: "PR", Reason: "96", Cents: l.Cents}}
			case j == 0:
				a.Paid = l.Cents * 6 / 10
				a.Adjustments = []billing.Adjustment{{Group: "CO", Reason: "45", Cents: l.Cents / 10}}
				left := l.Cents - a.Paid - l.Cents/10
				for k, reason := range []string{"1", "2", "3", "66", "122", "142", "204"} {
					part := left / 7
					if k == 6 {
						part = left - 6*(left/7)
					}
					a.Adjustments = append(a.Adjustments, billing.Adjustment{Group: "PR", Reason: reason, Cents: part})
				}
			default:
				a.Paid = l.Cents * 6 / 10
				a.Adjustments = []billing.Adjustment{{Group: "CO", Reason: "45", Cents: l.Cents / 10},
					{Group: "PR", Reason: "2", Cents: l.Cents - l.Cents*6/10 - l.Cents/10}}
			}
			o.Lines = append(o.Lines, a)
		}
		cp.OtherPayer = o
	}
	return b
}

// cents reads an X12 amount ("123.4") as cents.
func cents(t *testing.T, s string) carepath.Cents {
	t.Helper()
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("amount %q: %v", s, err)
	}
	if f < 0 {
		return carepath.Cents(f*100 - 0.5)
	}
	return carepath.Cents(f*100 + 0.5)
}

// TestNodeX12ReadsSecondary837P parses a claim to the secondary payer with node-x12 and checks
// the coordination of benefits the guide asks for: SBR01 S in 2000B; in 2320, after the claim's
// providers and before its first line, SBR01 P with the primary's relationship and group, AMT*D
// the primary's payment and OI; NM1*IL (2330A) and NM1*PR with the primary's payer id (2330B);
// and after each line's REF*6R and rendering provider, 2430: SVD with the primary's id, payment,
// the line's procedure and units, CAS by group with at most six reasons each and DTP*573 — and
// each line's payment and adjustments add up to its charge.
func TestNodeX12ReadsSecondary837P(t *testing.T) {
	b := secondaryBatch(t)
	file, _ := write(t, b)
	p := nodeParse(t, file)
	segs := p.Groups[0].Transactions[0].Segments
	checkClaims(t, b, segs)
	ci, li := -1, -1
	var cp ClaimParties
	inClaim, inLines, sawSVD := false, false, false
	var sbr2320, amtD, oi, nm1PR, svd, dtp573 int
	var lineSum carepath.Cents
	lineDone := func() {
		if ci < 0 || li < 0 {
			return
		}
		l := cp.Claim.Lines[li]
		if !sawSVD {
			t.Errorf("claim %s line %d has no SVD", cp.Claim.ID, li+1)
		} else if lineSum != l.Cents {
			t.Errorf("claim %s line %d: paid and adjustments make %s, the line charge is %s", cp.Claim.ID, li+1, lineSum, l.Cents)
		}
	}
	for _, s := range segs {
		switch s[0] {
		case "HL":
			lineDone()
			li, inClaim, inLines, sawSVD = -1, false, false, false
		case "SBR":
			if !inClaim {
				if s[1] != "S" {
					t.Errorf("2000B %q: want SBR01 S", s)
				}
				continue
			}
			if inLines {
				t.Errorf("2320 SBR %q after the claim's lines", s)
			}
			sbr2320++
			o := cp.OtherPayer
			if s[1] != "P" || s[2] != o.Relationship || s[3] != o.Subscriber.GroupNumber && !(o.Subscriber.GroupNumber == "" && len(s) <= 3) || s[len(s)-1] != "CI" {
				t.Errorf("2320 %q, want SBR*P*%s*%s…*CI", s, o.Relationship, o.Subscriber.GroupNumber)
			}
		case "CLM":
			ci++
			cp = b.Claims[ci]
			inClaim = true
		case "AMT":
			if s[1] == "D" {
				amtD++
				if cents(t, s[2]) != cp.OtherPayer.Paid() {
					t.Errorf("claim %s AMT*D %s, want %s", cp.Claim.ID, s[2], cp.OtherPayer.Paid())
				}
			}
		case "OI":
			oi++
			if len(s) < 7 || s[3] != "Y" || s[6] != "Y" {
				t.Errorf("OI %q: want benefits assigned (OI03 Y) and release (OI06 Y)", s)
			}
		case "NM1":
			if inClaim && !inLines && s[1] == "IL" && s[9] != cp.OtherPayer.Subscriber.MemberID {
				t.Errorf("2330A %q, want member id %s", s, cp.OtherPayer.Subscriber.MemberID)
			}
			if s[1] == "PR" && inClaim {
				nm1PR++
				if s[8] != "PI" || s[9] != "60054" {
					t.Errorf("2330B %q, want PI 60054", s)
				}
			}
			if inLines && sawSVD {
				t.Errorf("NM1 %q after the line's 2430", s)
			}
		case "LX":
			lineDone()
			li++
			inLines, sawSVD, lineSum = true, false, 0
		case "SV1":
			lineSum = 0
		case "SVD":
			svd++
			sawSVD = true
			l, a := cp.Claim.Lines[li], cp.OtherPayer.Lines[li]
			want := strings.Join(append([]string{"HC", l.Code}, l.Modifiers...), ":")
			if s[1] != "60054" || cents(t, s[2]) != a.Paid || s[3] != want || s[5] != strconv.Itoa(l.Units) {
				t.Errorf("claim %s line %d SVD %q, want 60054 %s %s units %d", cp.Claim.ID, li+1, s, a.Paid, want, l.Units)
			}
			lineSum += cents(t, s[2])
		case "CAS":
			if !sawSVD {
				t.Errorf("CAS %q outside a 2430 loop (no claim-level adjustments here)", s)
				continue
			}
			if len(s) > 2+3*maxCASReasons {
				t.Errorf("CAS %q holds more than six reasons", s)
			}
			for k := 3; k < len(s); k += 3 {
				if s[k] != "" {
					lineSum += cents(t, s[k])
				}
			}
		case "DTP":
			if s[1] == "573" {
				dtp573++
				if !sawSVD || s[2] != "D8" || s[3] != "20260403" {
					t.Errorf("DTP*573 %q, want the primary's date after the line's SVD", s)
				}
			}
		case "REF":
			if inLines && sawSVD {
				t.Errorf("REF %q after the line's 2430", s)
			}
		}
	}
	lineDone()
	lines := 0
	for _, cp := range b.Claims {
		lines += len(cp.Claim.Lines)
	}
	if sbr2320 != 2 || amtD != 2 || oi != 2 || nm1PR != 2 || svd != lines || dtp573 != lines {
		t.Errorf("2320 SBR %d, AMT*D %d, OI %d, 2330B %d, SVD %d, DTP*573 %d; want 2 of each loop and %d lines", sbr2320, amtD, oi, nm1PR, svd, dtp573, lines)
	}
	if n := strings.Count(file, "CAS*PR*1*"); n != 1 || !strings.Contains(file, "CAS*PR*204*") {
		t.Errorf("seven client-share reasons are not two CAS segments:\n%s", file)
	}
}

// TestWriteSecondaryRefusesUnbalancedLine makes sure a line whose other-payer payment and
// adjustments do not add up to its charge, or an adjudication missing a line, is refused and
// names the field.
func TestWriteSecondaryRefusesUnbalancedLine(t *testing.T) {
	b := secondaryBatch(t)
	b.Claims[0].OtherPayer.Lines[2].Paid++
	_, err := Write837(&strings.Builder{}, b)
	if fs := carepath.ErrorFields(err); len(fs) != 1 || fs[0].Field != "claims.0.other_payer.lines.2" {
		t.Errorf("unbalanced line: %v", err)
	}
	b = secondaryBatch(t)
	b.Claims[1].OtherPayer.Lines = b.Claims[1].OtherPayer.Lines[1:]
	_, err = Write837(&strings.Builder{}, b)
	if fs := carepath.ErrorFields(err); len(fs) != 1 || fs[0].Field != "claims.1.other_payer.lines" {
		t.Errorf("missing line: %v", err)
	}
}

// TestWriteSecondary837I writes an institutional claim to the secondary payer: 2430's SVD
// carries the revenue code in SVD04 after the procedure.
func TestWriteSecondary837I(t *testing.T) {
	b := medicareBatch(t)
	b.Payer = Payer{Name: "Beacon Mutual", ID: "70070"}
	cp := &b.Claims[0]
	cp.Subscriber.Responsibility = "S"
	o := &OtherPayer{Payer: Payer{Name: "Medicare Part A", ID: "MAC01", FilingIndicator: "MA"}, Relationship: "18",
		Subscriber: Subscriber{Person: Person{Last: "Lopez", First: "Ana"}, MemberID: "1EG4TE5MK73"}}
	for _, l := range cp.Claim.Lines {
		o.Lines = append(o.Lines, LineAdjudication{Paid: l.Cents - 1000, Date: "2026-04-20",
			Adjustments: []billing.Adjustment{{Group: "PR", Reason: "2", Cents: 1000}}})
	}
	cp.OtherPayer = o
	file, _ := write(t, b)
	l := cp.Claim.Lines[0]
	want := fmt.Sprintf("REF*6R*%s~SVD*MAC01*%s*HC:%s*%s*%d~CAS*PR*2*10~DTP*573*D8*20260420~", LineControlNumber(cp.Claim.ID, 1),
		amount(l.Cents-1000), l.Code, l.RevenueCode, l.Units)
	if !strings.Contains(file, want) || !strings.Contains(file, "SBR*P*18*******MA~AMT*D*") || !strings.Contains(file, "NM1*PR*2*MEDICARE PART A*****PI*MAC01~LX*1~") {
		t.Errorf("institutional secondary claim lacks %s or its 2320/2330B:\n%s", want, file)
	}
	nodeParse(t, file)
}

// TestNodeX12ReadsMedicareSecondaryType: when Medicare is billed second, node-x12 reads the
// 2000B SBR with SBR01 S, SBR05 the reason Medicare pays second (12, working aged) and SBR09
// Medicare's filing indicator.
func TestNodeX12ReadsMedicareSecondaryType(t *testing.T) {
	b := secondaryBatch(t)
	b.Payer.FilingIndicator = "MB"
	for i := range b.Claims {
		b.Claims[i].Subscriber.InsuranceType = "12"
	}
	file, _ := write(t, b)
	n := 0
	for _, s := range nodeParse(t, file).Groups[0].Transactions[0].Segments {
		if s[0] != "SBR" || s[1] != "S" {
			continue
		}
		n++
		if len(s) != 10 || s[5] != "12" || s[9] != "MB" {
			t.Errorf("2000B %q, want SBR05 12 and SBR09 MB", s)
		}
	}
	if n != len(b.Claims) {
		t.Errorf("%d 2000B SBR segments, want %d", n, len(b.Claims))
	}
}
