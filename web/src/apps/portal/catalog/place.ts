import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { api } from '../../../shared/api';
import { useAuth } from '../../../shared/auth';
import { storedSetting } from '../../../shared/storedSetting';
import type { PublicRegion } from '../../../shared/types';

/**
 * 我的所在地: the county / township / village the citizen reads the catalog for. Chosen in the place
 * picker and remembered in this browser (localStorage); until then a signed-in user's home region.
 * Every list, search and guide call passes it as `regionId`.
 */

const setting = storedSetting('bm.portal.regionId');

export function savePlace(regionId: string | null): void {
  setting.set(regionId);
}

// The region tree is small and public: one request per visit.
let regionsPromise: Promise<PublicRegion[]> | undefined;
let regionsLoaded: PublicRegion[] | undefined;

export function loadRegions(): Promise<PublicRegion[]> {
  regionsPromise ??= api
    .get<{ regions: PublicRegion[] }>('/catalog/regions')
    .then((r) => (regionsLoaded = r.regions))
    .catch((e: unknown) => {
      regionsPromise = undefined;
      throw e;
    });
  return regionsPromise;
}

export function useRegions(): { regions: PublicRegion[] | undefined; failed: boolean } {
  const [regions, setRegions] = useState(regionsLoaded);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (regions) return;
    let live = true;
    loadRegions().then(
      (r) => live && setRegions(r),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [regions]);
  return { regions, failed };
}

export interface Place {
  /** The region to pass as regionId; undefined: nothing chosen (the server shows the county list). */
  regionId: string | undefined;
  /** False until we know whether someone is signed in (their home region may be the default). */
  ready: boolean;
  /** From the county down to the chosen region. */
  chain: PublicRegion[];
  county?: PublicRegion;
  township?: PublicRegion;
  village?: PublicRegion;
  /** The default came from the signed-in user's home region (not chosen on this device). */
  fromHome: boolean;
  regions: PublicRegion[] | undefined;
}

export function regionChain(regions: readonly PublicRegion[], id: string | undefined): PublicRegion[] {
  if (!id) return [];
  const byId = new Map(regions.map((r) => [r.id, r]));
  const chain: PublicRegion[] = [];
  for (let r = byId.get(id); r && chain.length < 8; r = r.parentId ? byId.get(r.parentId) : undefined) {
    if (r.level === 'county' || r.level === 'township' || r.level === 'village') chain.unshift(r);
  }
  return chain;
}

export function usePlace(): Place {
  const savedId = useSyncExternalStore(setting.subscribe, setting.get);
  const { me } = useAuth();
  const { regions } = useRegions();
  const home = me?.user.homeRegionId ?? null;
  const candidate = savedId ?? home ?? undefined;
  // A remembered place that no longer exists (region removed) is forgotten.
  const known = !regions || !candidate || regions.some((r) => r.id === candidate);
  useEffect(() => {
    if (!known && savedId) savePlace(null);
  }, [known, savedId]);
  const regionId = known ? candidate : undefined;
  return useMemo(() => {
    const chain = regions ? regionChain(regions, regionId) : [];
    return {
      regionId,
      ready: savedId !== null || me !== undefined,
      chain,
      county: chain.find((r) => r.level === 'county'),
      township: chain.find((r) => r.level === 'township'),
      village: chain.find((r) => r.level === 'village'),
      fromHome: savedId === null && !!home && regionId === home,
      regions,
    };
  }, [regionId, savedId, me, home, regions]);
}

/**
 * The hall a citizen most likely means: the center of their place's township (their home township
 * until they choose another place on this device), else the county hall. Preselected where a portal
 * page asks for a center (咨询, 在线取号).
 */
/** `homeHallId` once the place is known (its township comes from the region tree); undefined before. */
export function useHomeHallId(centers: readonly { id: string; level: string; regionId: string }[] | undefined): string | undefined {
  const place = usePlace();
  const { failed } = useRegions();
  const known = place.ready && (!place.regionId || !!place.regions || failed);
  return known ? homeHallId(centers, place) : undefined;
}

export function homeHallId(centers: readonly { id: string; level: string; regionId: string }[] | undefined, place: Pick<Place, 'township'>): string | undefined {
  return centers?.find((c) => c.regionId === place.township?.id)?.id ?? centers?.find((c) => c.level === 'county')?.id;
}
