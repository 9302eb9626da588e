module github.com/go-pdf/fpdf

go 1.20

require github.com/klauspost/compress v1.20.4
