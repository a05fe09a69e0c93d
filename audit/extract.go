package audit

// extract builds the prose view of doc and its raw blocks. (Placeholder:
// plain text, one block per line; the reader helper replaces this.)
func extract(doc *Document) (*View, []rawBlock) {
	v := identityView(doc.Text)
	var raws []rawBlock
	start := 0
	for i := 0; i <= len(doc.Text); i++ {
		if i == len(doc.Text) || doc.Text[i] == '\n' {
			if i > start {
				raws = append(raws, rawBlock{view: Span{start, i}})
			}
			start = i + 1
		}
	}
	return v, raws
}
