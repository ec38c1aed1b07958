package io.vigil.detection.runtime;

import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** The router's side outputs' type: {@link RuleInput} through {@link RuleInputSerializer}. */
public final class RuleInputTypeInfo extends TypeInformation<RuleInput> {
    private static final long serialVersionUID = 1L;

    public static final RuleInputTypeInfo INSTANCE = new RuleInputTypeInfo();

    private RuleInputTypeInfo() {}

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<RuleInput> getTypeClass() {
        return RuleInput.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<RuleInput> createSerializer(SerializerConfig config) {
        return RuleInputSerializer.INSTANCE;
    }

    @Override
    @Deprecated
    public TypeSerializer<RuleInput> createSerializer(ExecutionConfig config) {
        return RuleInputSerializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "RuleInput";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RuleInputTypeInfo;
    }

    @Override
    public int hashCode() {
        return RuleInputTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object o) {
        return o instanceof RuleInputTypeInfo;
    }
}
