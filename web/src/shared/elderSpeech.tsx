import { PauseCircleOutlined, SoundOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * 朗读: reads a text aloud with the browser's speech synthesis (zh-CN voice if there is one, a little
 * slower than normal). The button is not shown where the browser cannot speak.
 */

export const canSpeak = (): boolean => typeof window !== 'undefined' && !!window.speechSynthesis && typeof window.SpeechSynthesisUtterance === 'function';

function chineseVoice(): SpeechSynthesisVoice | undefined {
  const voices = window.speechSynthesis.getVoices();
  return voices.find((v) => /^zh[-_]CN/i.test(v.lang)) ?? voices.find((v) => /^zh/i.test(v.lang)) ?? voices.find((v) => /^cmn/i.test(v.lang));
}

/** Long texts are read part by part (some engines stop after about 15 seconds of one utterance). */
export function splitForSpeech(parts: readonly string[], max = 120): string[] {
  const out: string[] = [];
  for (const part of parts) {
    const sentences = part.split(/(?<=[。；！？])/).filter((s) => s.trim());
    let cur = '';
    for (const s of sentences) {
      if (cur && (cur + s).length > max) {
        out.push(cur);
        cur = '';
      }
      cur += s;
    }
    if (cur.trim()) out.push(cur);
  }
  return out;
}

export function useSpeech(): { speaking: boolean; speak: (parts: readonly string[]) => void; stop: () => void } {
  const [speaking, setSpeaking] = useState(false);
  const run = useRef(0);
  const stop = useCallback(() => {
    run.current++;
    if (canSpeak()) window.speechSynthesis.cancel();
    setSpeaking(false);
  }, []);
  const speak = useCallback((parts: readonly string[]) => {
    if (!canSpeak()) return;
    const synth = window.speechSynthesis;
    synth.cancel();
    const id = ++run.current;
    const chunks = splitForSpeech(parts);
    const voice = chineseVoice();
    chunks.forEach((text, i) => {
      const u = new SpeechSynthesisUtterance(text);
      u.lang = 'zh-CN';
      if (voice) u.voice = voice;
      u.rate = 0.9;
      if (i === chunks.length - 1) u.onend = () => run.current === id && setSpeaking(false);
      u.onerror = () => run.current === id && setSpeaking(false);
      synth.speak(u);
    });
    setSpeaking(chunks.length > 0);
  }, []);
  // Leaving the page stops the reading.
  useEffect(() => stop, [stop]);
  return { speaking, speak, stop };
}

/** 「朗读」 / 「停止朗读」 for a text built when pressed. */
export function ReadAloud({ parts, label = '朗读' }: { parts: () => string[]; label?: string }) {
  const { speaking, speak, stop } = useSpeech();
  if (!canSpeak()) return null;
  return (
    <div className="bm-read-aloud">
      {speaking ? (
        <Button size="large" danger icon={<PauseCircleOutlined />} onClick={stop} data-testid="read-aloud-stop">
          停止朗读
        </Button>
      ) : (
        <Button size="large" icon={<SoundOutlined />} onClick={() => speak(parts())} data-testid="read-aloud">
          {label}
        </Button>
      )}
    </div>
  );
}
