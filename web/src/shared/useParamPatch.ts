import { useSearchParams, type SetURLSearchParams } from 'react-router';

export type ParamPatch = Record<string, string | undefined>;

/**
 * The page's query string and a setter that changes only the named parameters: a value sets it, an
 * empty one removes it; the history entry is replaced unless told otherwise (filters, tabs, search).
 * The third element is react-router's own setter (e.g. to clear every filter).
 */
export function useParamPatch(): [URLSearchParams, (patch: ParamPatch, replace?: boolean) => void, SetURLSearchParams] {
  const [params, setParams] = useSearchParams();
  const setParam = (patch: ParamPatch, replace = true) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(patch)) {
          if (v) next.set(k, v);
          else next.delete(k);
        }
        return next;
      },
      { replace },
    );
  return [params, setParam, setParams];
}
