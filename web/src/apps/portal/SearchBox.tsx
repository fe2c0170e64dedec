import { AudioOutlined, SearchOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { SEARCH_PLACEHOLDER } from './catalog/labels';

/**
 * The home page's search box: a plain form (no antd Input: the portal's first load stays small), so
 * the phone keyboard shows 「搜索」 and its own microphone. Where the browser can listen
 * (SpeechRecognition), a 「说」 button fills the box by voice.
 */

interface Recognition {
  lang: string;
  interimResults: boolean;
  onresult: ((e: { results: ArrayLike<ArrayLike<{ transcript: string }>> }) => void) | null;
  onend: (() => void) | null;
  onerror: (() => void) | null;
  start: () => void;
  stop: () => void;
}
type RecognitionCtor = new () => Recognition;

const recognitionCtor = (): RecognitionCtor | undefined => {
  const w = window as unknown as { SpeechRecognition?: RecognitionCtor; webkitSpeechRecognition?: RecognitionCtor };
  return w.SpeechRecognition ?? w.webkitSpeechRecognition;
};

export function SearchBox({ big = false, placeholder = SEARCH_PLACEHOLDER }: { big?: boolean; placeholder?: string }) {
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const [listening, setListening] = useState(false);
  const Ctor = recognitionCtor();
  const go = (text: string) => {
    const v = text.trim();
    if (v) navigate(`/portal/search?q=${encodeURIComponent(v)}`);
  };
  const listen = () => {
    if (!Ctor || listening) return;
    const r = new Ctor();
    r.lang = 'zh-CN';
    r.interimResults = false;
    r.onresult = (e) => {
      const text = Array.from(e.results)
        .map((x) => x[0]?.transcript ?? '')
        .join('')
        .replace(/[。，！？.,!?]/g, '');
      setQ(text);
      go(text);
    };
    r.onend = () => setListening(false);
    r.onerror = () => setListening(false);
    setListening(true);
    r.start();
  };
  return (
    <form
      role="search"
      className={`bm-searchbox${big ? ' big' : ''}`}
      onSubmit={(e) => {
        e.preventDefault();
        go(q);
      }}
    >
      <span className="bm-searchbox-field">
        <SearchOutlined className="bm-searchbox-icon" aria-hidden />
        <input
          type="search"
          enterKeyHint="search"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          placeholder={placeholder}
          aria-label="搜索办事事项"
          maxLength={50}
        />
      </span>
      {Ctor && (
        <button type="button" className="bm-searchbox-mic" onClick={listen} aria-label="说出要办的事" aria-pressed={listening}>
          <AudioOutlined />
          {big && <span>{listening ? '请说…' : '说出来'}</span>}
        </button>
      )}
      <button type="submit" className="bm-searchbox-go">
        搜索
      </button>
    </form>
  );
}
