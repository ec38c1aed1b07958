package io.vigil.detection.runtime;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.apache.flink.api.common.state.AggregatingState;
import org.apache.flink.api.common.state.AggregatingStateDescriptor;
import org.apache.flink.api.common.state.KeyedStateStore;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReducingState;
import org.apache.flink.api.common.state.ReducingStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;

/**
 * Plain in-memory maps behind Flink CEP's {@code SharedBuffer}, for one short-lived evaluation of
 * a sequence pattern ({@link SequenceMachine}); only the map and value states CEP uses exist.
 */
final class HeapStateStore implements KeyedStateStore {
    private final Map<String, Object> states = new HashMap<>();

    @Override
    @SuppressWarnings("unchecked")
    public <T> ValueState<T> getState(ValueStateDescriptor<T> descriptor) {
        return (ValueState<T>) states.computeIfAbsent(descriptor.getName(), name -> new HeapValue<T>());
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> MapState<K, V> getMapState(MapStateDescriptor<K, V> descriptor) {
        return (MapState<K, V>) states.computeIfAbsent(descriptor.getName(), name -> new HeapMap<K, V>());
    }

    @Override
    public <T> ListState<T> getListState(ListStateDescriptor<T> descriptor) {
        throw new UnsupportedOperationException("CEP's shared buffer needs no list state");
    }

    @Override
    public <T> ReducingState<T> getReducingState(ReducingStateDescriptor<T> descriptor) {
        throw new UnsupportedOperationException("CEP's shared buffer needs no reducing state");
    }

    @Override
    public <I, A, O> AggregatingState<I, O> getAggregatingState(AggregatingStateDescriptor<I, A, O> descriptor) {
        throw new UnsupportedOperationException("CEP's shared buffer needs no aggregating state");
    }

    private static final class HeapValue<T> implements ValueState<T> {
        private T value;

        @Override
        public T value() {
            return value;
        }

        @Override
        public void update(T value) {
            this.value = value;
        }

        @Override
        public void clear() {
            value = null;
        }
    }

    private static final class HeapMap<K, V> implements MapState<K, V> {
        private final Map<K, V> map = new HashMap<>();

        @Override
        public V get(K key) {
            return map.get(key);
        }

        @Override
        public void put(K key, V value) {
            map.put(key, value);
        }

        @Override
        public void putAll(Map<K, V> values) {
            map.putAll(values);
        }

        @Override
        public void remove(K key) {
            map.remove(key);
        }

        @Override
        public boolean contains(K key) {
            return map.containsKey(key);
        }

        @Override
        public Iterable<Map.Entry<K, V>> entries() {
            return map.entrySet();
        }

        @Override
        public Iterable<K> keys() {
            return map.keySet();
        }

        @Override
        public Iterable<V> values() {
            return map.values();
        }

        @Override
        public Iterator<Map.Entry<K, V>> iterator() {
            return map.entrySet().iterator();
        }

        @Override
        public boolean isEmpty() {
            return map.isEmpty();
        }

        @Override
        public void clear() {
            map.clear();
        }
    }
}
