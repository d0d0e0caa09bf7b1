// A small React review app, server-rendered then hydrated in the browser:
// the kind of page where a content script that touches the DOM breaks
// hydration. Test fixture only.
import { useState } from 'react';

const FIRST = [
  { id: 1, author: 'mei', text: '雲朵咖啡的拿鐵很好喝，推！', likes: 3 },
  { id: 2, author: 'kai', text: 'Cloud Cafe 上次送錯餐，店員態度也很差。', likes: 1 },
  { id: 3, author: 'yu', text: '隔壁的 Starbucks 比較快。', likes: 0 },
];
const MORE = [
  { id: 4, author: 'lin', text: '雲朵咖啡新店開幕，排隊排到隔壁。', likes: 0 },
  { id: 5, author: 'chen', text: '這家真的踩雷，雲朵咖啡的蛋糕不新鮮。', likes: 0 },
];

function Review({ review, onLike }) {
  return (
    <li className="review" data-id={review.id}>
      <b className="author">{review.author}</b>
      <p className="text">{review.text}</p>
      <button type="button" className="like" onClick={() => onLike(review.id)}>讚 {review.likes}</button>
    </li>
  );
}

export function App() {
  const [reviews, setReviews] = useState(FIRST);
  const [filter, setFilter] = useState('');
  const like = (id) => setReviews((rs) => rs.map((r) => (r.id === id ? { ...r, likes: r.likes + 1 } : r)));
  const shown = reviews.filter((r) => r.text.includes(filter));
  return (
    <main>
      <h1>評論牆</h1>
      <input id="filter" placeholder="篩選" value={filter} onChange={(e) => setFilter(e.target.value)} />
      <ul id="reviews">{shown.map((r) => <Review key={r.id} review={r} onLike={like} />)}</ul>
      <button type="button" id="more" disabled={reviews.length > FIRST.length} onClick={() => setReviews((rs) => [...rs, ...MORE])}>
        載入更多
      </button>
      <p id="count">{shown.length} 則</p>
    </main>
  );
}
