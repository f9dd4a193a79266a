/** Reads a PDF back for tests: its pages and the text on each (pdf2json, pure JavaScript). */
import PDFParser from 'pdf2json';

export interface PdfText {
  pages: string[];
}

export function readPdf(data: Buffer): Promise<PdfText> {
  return new Promise((resolve, reject) => {
    const parser = new PDFParser(null, true);
    parser.on('pdfParser_dataError', (e: unknown) => reject(e instanceof Error ? e : new Error(JSON.stringify(e))));
    parser.on('pdfParser_dataReady', () => {
      const pages = parser
        .getRawTextContent()
        .split(/-+Page \(\d+\) Break-+/)
        .slice(0, -1)
        .map((p) => p.replace(/\r/g, '').trim());
      resolve({ pages });
    });
    parser.parseBuffer(data);
  });
}
