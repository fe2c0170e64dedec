/**
 * A signed confirmation as one PNG: the title, the statement the villager agreed to, the signature
 * drawn on screen and the time — so the file kept on the server reads on its own as a 委托书 or a
 * 领取确认 without the app.
 */
import dayjs from 'dayjs';

const WIDTH = 900;
const MARGIN = 48;
const FONT = "'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif";

/** Break Chinese (and mixed) text into lines no wider than `max`, character by character. */
function wrap(g: CanvasRenderingContext2D, text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const ch of text) {
    if (g.measureText(line + ch).width > max && line) {
      lines.push(line);
      line = ch;
    } else {
      line += ch;
    }
  }
  if (line) lines.push(line);
  return lines;
}

export async function confirmationPng(opts: { title: string; statement: string; signature: HTMLCanvasElement; signedAt: string; footer: string[] }): Promise<Blob> {
  const measure = document.createElement('canvas').getContext('2d')!;
  measure.font = `28px ${FONT}`;
  const lines = wrap(measure, opts.statement, WIDTH - MARGIN * 2);
  const sigW = Math.min(WIDTH - MARGIN * 2 - 160, opts.signature.width);
  const sigH = Math.round((opts.signature.height / opts.signature.width) * sigW);
  const sigBox = Math.min(260, Math.max(120, sigH));
  const height = MARGIN + 60 + lines.length * 44 + 40 + sigBox + 40 + (opts.footer.length + 1) * 36 + MARGIN;

  const c = document.createElement('canvas');
  c.width = WIDTH;
  c.height = height;
  const g = c.getContext('2d')!;
  g.fillStyle = '#fff';
  g.fillRect(0, 0, WIDTH, height);
  g.fillStyle = '#141414';
  g.textBaseline = 'top';
  g.font = `bold 36px ${FONT}`;
  g.textAlign = 'center';
  g.fillText(opts.title, WIDTH / 2, MARGIN);
  g.textAlign = 'left';
  g.font = `28px ${FONT}`;
  let y = MARGIN + 72;
  for (const l of lines) {
    g.fillText(l, MARGIN, y);
    y += 44;
  }
  y += 24;
  g.font = `26px ${FONT}`;
  g.fillText('签名：', MARGIN, y + 8);
  const scale = Math.min(sigW / opts.signature.width, sigBox / opts.signature.height, 1.5);
  g.drawImage(opts.signature, MARGIN + 110, y, opts.signature.width * scale, opts.signature.height * scale);
  y += sigBox + 32;
  g.fillStyle = '#595959';
  g.font = `24px ${FONT}`;
  for (const l of [`签署时间：${dayjs(opts.signedAt).format('YYYY年M月D日 HH:mm')}`, ...opts.footer]) {
    g.fillText(l, MARGIN, y);
    y += 36;
  }
  const blob = await new Promise<Blob | null>((resolve) => c.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('无法生成签名图片');
  return blob;
}
