// sort.go orders a search's points by distance as Redis does, so
// that points at equal distances come out in Redis's order too: a stable
// sort when every point is returned (glibc's qsort is a merge sort), and
// otherwise Redis's partial quicksort (pqsort.c, after NetBSD's qsort),
// which sorts only what COUNT returns.
package geo

import "sort"

// geoCmp compares distances as Redis's sort_gp_asc (desc: reversed).
func geoCmp(a, b *Point, desc bool) int {
	r := -1
	switch {
	case a.Dist > b.Dist:
		r = 1
	case a.Dist == b.Dist:
		r = 0
	}
	if desc {
		return -r
	}
	return r
}

// Sort orders pts so that the first n are the nearest (desc: the
// farthest) in order.
func Sort(pts []Point, n int, desc bool) {
	if n == len(pts) {
		sort.SliceStable(pts, func(i, j int) bool { return geoCmp(&pts[i], &pts[j], desc) < 0 })
		return
	}
	ps := pqsorter{pts: pts, desc: desc, lo: 0, hi: n - 1}
	ps.sort(0, len(pts))
}

// pqsorter sorts the elements of ranks lo..hi of pts into place.
type pqsorter struct {
	pts    []Point
	desc   bool
	lo, hi int
}

func (p *pqsorter) cmp(i, j int) int { return geoCmp(&p.pts[i], &p.pts[j], p.desc) }
func (p *pqsorter) swap(i, j int)    { p.pts[i], p.pts[j] = p.pts[j], p.pts[i] }

// vecswap swaps the n elements from i with the n from j.
func (p *pqsorter) vecswap(i, j, n int) {
	for k := range n {
		p.swap(i+k, j+k)
	}
}

// med3 returns the index of the median of three.
func (p *pqsorter) med3(a, b, c int) int {
	if p.cmp(a, b) < 0 {
		switch {
		case p.cmp(b, c) < 0:
			return b
		case p.cmp(a, c) < 0:
			return c
		}
		return a
	}
	switch {
	case p.cmp(b, c) > 0:
		return b
	case p.cmp(a, c) < 0:
		return a
	}
	return c
}

// wanted reports whether elements [base, base+n) hold any of lo..hi.
func (p *pqsorter) wanted(base, n int) bool { return !(p.hi < base || p.lo >= base+n) }

// sort is _pqsort over the n elements from base.
func (p *pqsorter) sort(base, n int) {
	for {
		if n < 7 {
			for m := base + 1; m < base+n; m++ {
				for l := m; l > base && p.cmp(l-1, l) > 0; l-- {
					p.swap(l, l-1)
				}
			}
			return
		}
		pm := base + n/2
		if n > 7 {
			pl, pn := base, base+n-1
			if n > 40 {
				d := n / 8
				pl = p.med3(pl, pl+d, pl+2*d)
				pm = p.med3(pm-d, pm, pm+d)
				pn = p.med3(pn-2*d, pn-d, pn)
			}
			pm = p.med3(pl, pm, pn)
		}
		p.swap(base, pm)
		pa, pb, pc, pd := p.partition(base, n)
		pn := base + n
		r := min(pa-base, pb-pa)
		p.vecswap(base, pb-r, r)
		r = min(pd-pc, pn-pd-1)
		p.vecswap(pb, pn-r, r)
		if r = pb - pa; r > 1 && p.wanted(base, r) {
			p.sort(base, r)
		}
		r = pd - pc
		if r <= 1 || !p.wanted(pn-r, r) {
			return
		}
		base, n = pn-r, r
	}
}

// partition splits the n elements after the pivot at base into those
// below and above it, moving those equal to it to both ends.
func (p *pqsorter) partition(base, n int) (pa, pb, pc, pd int) {
	pa, pb = base+1, base+1
	pc, pd = base+n-1, base+n-1
	for {
		for ; pb <= pc; pb++ {
			r := p.cmp(pb, base)
			if r > 0 {
				break
			}
			if r == 0 {
				p.swap(pa, pb)
				pa++
			}
		}
		for ; pb <= pc; pc-- {
			r := p.cmp(pc, base)
			if r < 0 {
				break
			}
			if r == 0 {
				p.swap(pc, pd)
				pd--
			}
		}
		if pb > pc {
			return pa, pb, pc, pd
		}
		p.swap(pb, pc)
		pb++
		pc--
	}
}
