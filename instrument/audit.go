package instrument

// auditInstructions is the stem of the WHO self-report version of the AUDIT (Babor et al.
// 2001, appendix D), which the AUDIT-C shares.
const auditInstructions = "Because alcohol use can affect your health and can interfere with certain medications " +
	"and treatments, it is important that we ask some questions about your use of alcohol. Your answers will " +
	"remain confidential so please be honest. Place an X in one box that best describes your answer to each question."

// howOften is the answer scale of AUDIT items 3 to 8.
var howOften = []Option{
	{"Never", 0},
	{"Less than monthly", 1},
	{"Monthly", 2},
	{"Weekly", 3},
	{"Daily or almost daily", 4},
}

// everInLastYear is the answer scale of AUDIT items 9 and 10, which score 0, 2 or 4.
var everInLastYear = []Option{
	{"No", 0},
	{"Yes, but not in the last year", 2},
	{"Yes, during the last year", 4},
}

// auditItems are the ten AUDIT questions as worded in the WHO self-report version. The first
// three are also the AUDIT-C.
var auditItems = []Item{
	{Key: "item1", LOINC: "68518-0", Text: "How often do you have a drink containing alcohol?",
		Options: []Option{
			{"Never", 0},
			{"Monthly or less", 1},
			{"2 to 4 times a month", 2},
			{"2 to 3 times a week", 3},
			{"4 or more times a week", 4},
		}},
	{Key: "item2", LOINC: "68519-8", Text: "How many drinks containing alcohol do you have on a typical day when you are drinking?",
		Options: []Option{
			{"1 or 2", 0},
			{"3 or 4", 1},
			{"5 or 6", 2},
			{"7 to 9", 3},
			{"10 or more", 4},
		}},
	{Key: "item3", LOINC: "68520-6", Options: howOften,
		Text: "How often do you have six or more drinks on one occasion?"},
	{Key: "item4", Options: howOften,
		Text: "How often during the last year have you found that you were not able to stop drinking once you had started?"},
	{Key: "item5", Options: howOften,
		Text: "How often during the last year have you failed to do what was normally expected of you because of drinking?"},
	{Key: "item6", Options: howOften,
		Text: "How often during the last year have you needed a first drink in the morning to get yourself going after a heavy drinking session?"},
	{Key: "item7", Options: howOften,
		Text: "How often during the last year have you had a feeling of guilt or remorse after drinking?"},
	{Key: "item8", Options: howOften,
		Text: "How often during the last year have you been unable to remember what happened the night before because of your drinking?"},
	{Key: "item9", Options: everInLastYear,
		Text: "Have you or someone else been injured because of your drinking?"},
	{Key: "item10", Options: everInLastYear,
		Text: "Has a relative, friend, doctor, or other health care worker been concerned about your drinking or suggested you cut down?"},
}

// audit is the Alcohol Use Disorders Identification Test, banded by the four WHO risk zones.
// LOINC has an AUDIT panel, but carepath leaves PanelLOINC empty until its code is confirmed.
var audit = &Instrument{
	ID:           AUDIT,
	Name:         "AUDIT",
	Title:        "Alcohol Use Disorders Identification Test",
	Instructions: auditInstructions,
	Attribution: "Developed by the World Health Organization: Babor TF, Higgins-Biddle JC, Saunders JB, Monteiro MG. " +
		"AUDIT: The Alcohol Use Disorders Identification Test. Guidelines for Use in Primary Care, 2nd edition. " +
		"Geneva: World Health Organization, 2001. In the public domain.",
	TotalLOINC: "75624-7",
	Items:      auditItems,
	Bands: []Band{
		{Code: "low_risk", Label: "Low risk (zone I)", Min: 0, Max: 7, Zone: 1},
		{Code: "hazardous", Label: "Hazardous drinking (zone II)", Min: 8, Max: 15, Zone: 2},
		{Code: "harmful", Label: "Harmful drinking (zone III)", Min: 16, Max: 19, Zone: 3},
		{Code: "possible_dependence", Label: "Possible dependence (zone IV)", Min: 20, Max: 40, Zone: 4},
	},
	MaxTotal:   40,
	RecallDays: 365,
}

// auditC is the AUDIT-C: items 1–3 of the AUDIT, a positive screen at 3 or more for women
// and when sex is unknown, and at 4 or more for men. Bands carry the cut-off for women and
// unknown sex and MaleBands the cut-off for men; Score picks them by sex.
var auditC = &Instrument{
	ID:           AUDITC,
	Name:         "AUDIT-C",
	Title:        "Alcohol Use Disorders Identification Test – Consumption",
	Instructions: auditInstructions,
	Attribution: "Items 1–3 of the AUDIT (World Health Organization, public domain), as validated by Bush K, Kivlahan DR, " +
		"McDonell MB, Fihn SD, Bradley KA. The AUDIT alcohol consumption questions (AUDIT-C): an effective brief " +
		"screening test for problem drinking. Archives of Internal Medicine 1998;158:1789–1795.",
	PanelLOINC: "72109-2",
	TotalLOINC: "75626-2",
	Items:      auditItems[:3:3],
	Bands: []Band{
		{Code: "negative", Label: "Negative screen", Min: 0, Max: 2},
		{Code: "positive", Label: "Positive screen", Min: 3, Max: 12, Positive: true},
	},
	MaleBands: []Band{
		{Code: "negative", Label: "Negative screen", Min: 0, Max: 3},
		{Code: "positive", Label: "Positive screen", Min: 4, Max: 12, Positive: true},
	},
	Screen:     true,
	MaxTotal:   12,
	RecallDays: 365,
}
