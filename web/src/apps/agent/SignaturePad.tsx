import { ClearOutlined, UndoOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useCallback, useEffect, useImperativeHandle, useRef, useState, type PointerEvent, type Ref } from 'react';

type Point = [number, number];

export interface SignaturePadHandle {
  isEmpty: () => boolean;
  /** The ink cropped to what was drawn, on white, or null when empty. */
  snapshot: () => HTMLCanvasElement | null;
  clear: () => void;
}

/**
 * A signature drawn with a finger, a stylus or a mouse (pointer events), with 撤销 (undo the last
 * stroke) and 清除. Strokes are kept as points so the pad redraws crisply after a resize.
 */
export function SignaturePad({ ref, onChange, label = '请在框内签名' }: { ref?: Ref<SignaturePadHandle>; onChange?: (strokes: number) => void; label?: string }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const strokes = useRef<Point[][]>([]);
  const drawing = useRef<Point[] | null>(null);
  const [count, setCount] = useState(0);

  const redraw = useCallback(() => {
    const c = canvasRef.current;
    if (!c) return;
    const g = c.getContext('2d');
    if (!g) return;
    const ratio = window.devicePixelRatio || 1;
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    g.clearRect(0, 0, c.width, c.height);
    g.lineCap = 'round';
    g.lineJoin = 'round';
    g.strokeStyle = '#141414';
    g.lineWidth = 3;
    for (const s of [...strokes.current, ...(drawing.current ? [drawing.current] : [])]) {
      g.beginPath();
      s.forEach(([x, y], i) => (i === 0 ? g.moveTo(x, y) : g.lineTo(x, y)));
      if (s.length === 1) g.lineTo(s[0][0] + 0.1, s[0][1] + 0.1);
      g.stroke();
    }
  }, []);

  useEffect(() => {
    const c = canvasRef.current;
    if (!c) return;
    const fit = () => {
      const ratio = window.devicePixelRatio || 1;
      const { width, height } = c.getBoundingClientRect();
      c.width = Math.round(width * ratio);
      c.height = Math.round(height * ratio);
      redraw();
    };
    fit();
    const ro = new ResizeObserver(fit);
    ro.observe(c);
    return () => ro.disconnect();
  }, [redraw]);

  const changed = useCallback(() => {
    setCount(strokes.current.length);
    onChange?.(strokes.current.length);
  }, [onChange]);

  const point = (e: PointerEvent<HTMLCanvasElement>): Point => {
    const r = e.currentTarget.getBoundingClientRect();
    return [e.clientX - r.left, e.clientY - r.top];
  };

  const clear = useCallback(() => {
    strokes.current = [];
    drawing.current = null;
    redraw();
    changed();
  }, [redraw, changed]);

  useImperativeHandle(
    ref,
    () => ({
      isEmpty: () => strokes.current.length === 0,
      clear,
      snapshot: () => {
        const c = canvasRef.current;
        const all = strokes.current.flat();
        if (!c || all.length === 0) return null;
        const pad = 12;
        const xs = all.map((p) => p[0]);
        const ys = all.map((p) => p[1]);
        const [x0, y0] = [Math.max(0, Math.min(...xs) - pad), Math.max(0, Math.min(...ys) - pad)];
        const [x1, y1] = [Math.max(...xs) + pad, Math.max(...ys) + pad];
        const ratio = c.width / c.getBoundingClientRect().width || 1;
        const out = document.createElement('canvas');
        out.width = Math.max(1, Math.round((x1 - x0) * ratio));
        out.height = Math.max(1, Math.round((y1 - y0) * ratio));
        const g = out.getContext('2d')!;
        g.fillStyle = '#fff';
        g.fillRect(0, 0, out.width, out.height);
        g.drawImage(c, x0 * ratio, y0 * ratio, out.width, out.height, 0, 0, out.width, out.height);
        return out;
      },
    }),
    [clear],
  );

  return (
    <div className="bm-agent-sign">
      <canvas
        ref={canvasRef}
        className="bm-agent-sign-canvas"
        aria-label="签名板"
        data-testid="signature-pad"
        onPointerDown={(e) => {
          e.preventDefault();
          e.currentTarget.setPointerCapture(e.pointerId);
          drawing.current = [point(e)];
          redraw();
        }}
        onPointerMove={(e) => {
          if (!drawing.current) return;
          drawing.current.push(point(e));
          redraw();
        }}
        onPointerUp={() => {
          if (drawing.current) strokes.current.push(drawing.current);
          drawing.current = null;
          redraw();
          changed();
        }}
        onPointerCancel={() => {
          drawing.current = null;
          redraw();
        }}
      />
      {count === 0 && <div className="bm-agent-sign-hint">{label}</div>}
      <div className="bm-agent-sign-tools">
        <Button
          icon={<UndoOutlined />}
          disabled={count === 0}
          onClick={() => {
            strokes.current.pop();
            redraw();
            changed();
          }}
        >
          撤销一笔
        </Button>
        <Button icon={<ClearOutlined />} disabled={count === 0} onClick={clear}>
          清除重签
        </Button>
      </div>
    </div>
  );
}
