import { SearchPlaceholder } from './LifeEventPage';

export default SearchPlaceholder;
